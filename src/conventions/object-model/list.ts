import { StrataError } from '../../error/index.ts'
/** The pagination links of a list; each is a full URL, and a missing `next` means the last page. */
export interface ListLinks {
  readonly first?: string | undefined
  readonly last?: string | undefined
  readonly prev?: string | undefined
  readonly next?: string | undefined
}

/** The `metadata` of a list envelope; absent members are omitted. */
export interface ListMetadata {
  readonly first?: string
  readonly last?: string
  readonly prev?: string
  readonly next?: string
  /** The number of items in the whole collection, irrespective of pagination. */
  readonly total_size?: number
}

/** A list envelope: `{ api_version, kind: '<Kind>List', metadata, data }`. */
export interface ResourceList<Item> {
  readonly api_version: string
  readonly kind: string
  readonly metadata: ListMetadata
  readonly data: readonly Item[]
}

/** The values a list envelope is shaped from. */
export interface ListInit<Item> {
  readonly apiVersion: string
  /** The kind of the items (`Cluster`); the envelope's kind is this plus `List`. */
  readonly kind: string
  readonly data: readonly Item[]
  readonly links?: ListLinks | undefined
  readonly totalSize?: number | undefined
}

const LINK_ORDER = ['first', 'last', 'prev', 'next'] as const

/**
 * Shapes a list envelope with `<Kind>List`, the page links that exist and `total_size` when known.
 *
 * @example
 * shapeList({ apiVersion: 'cmk/v2', kind: 'Cluster', data: clusters, links: { next }, totalSize: 42 })
 * // { api_version: 'cmk/v2', kind: 'ClusterList', metadata: { next, total_size: 42 }, data: [...] }
 */
export function shapeList<Item>(init: ListInit<Item>): ResourceList<Item> {
  const metadata: { -readonly [K in keyof ListMetadata]: ListMetadata[K] } = {}
  for (const rel of LINK_ORDER) {
    const href = init.links?.[rel]
    if (href !== undefined) metadata[rel] = href
  }
  if (init.totalSize !== undefined) {
    if (!Number.isSafeInteger(init.totalSize) || init.totalSize < 0) {
      throw new StrataError(
        'STRATA_ERR_OBJECT_INVALID_TOTAL_SIZE',
        `total_size must be a non-negative integer, got ${init.totalSize}.`,
      )
    }
    metadata.total_size = init.totalSize
  }
  return { api_version: init.apiVersion, kind: `${init.kind}List`, metadata, data: init.data }
}
