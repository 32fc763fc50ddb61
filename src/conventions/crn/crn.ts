import { StrataError } from '../../error/index.ts'
/** The authority of Confluent Cloud CRNs; self-managed deployments use their metadata service host. */
export const CONFLUENT_CLOUD_AUTHORITY = 'confluent.cloud'

/** One `type=id` pair of a CRN, e.g. `{ type: 'environment', id: 'env-456xy' }`. */
export interface CrnSegment {
  /** The resource kind, lower kebab-case (`cloud-cluster`, `service-account`). */
  readonly type: string
  /** The resource id, any non-empty string; reserved characters are escaped when written. */
  readonly id: string
}

/**
 * A Confluent Resource Name: an authority and the minimal chain of `type=id` pairs, outermost
 * first, that identifies one resource.
 */
export interface Crn {
  readonly authority: string
  readonly segments: readonly CrnSegment[]
}

/** Options of {@link buildCrn}. */
export interface BuildCrnOptions {
  /** The CRN authority; defaults to `confluent.cloud`. */
  readonly authority?: string
}

/** A segment type: lower-case letters, digits and inner hyphens, starting with a letter. */
export const _CRN_TYPE_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/

/** A host name or IPv4 address with an optional port, as a self-managed metadata service has. */
export const _CRN_AUTHORITY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$/

/**
 * Escapes a CRN id so that `/`, `=`, `%`, spaces and non-ASCII characters survive a round trip;
 * unreserved characters (`A-Z a-z 0-9 - _ . ~` and `! * ' ( )`) are left as they are.
 *
 * @example
 * escapeCrnId('a/b=c') // 'a%2Fb%3Dc'
 */
export function escapeCrnId(id: string): string {
  try {
    return encodeURIComponent(id)
  } catch {
    // encodeURIComponent throws URIError only for an unpaired UTF-16 surrogate.
    throw new StrataError(
      'STRATA_ERR_CRN_INVALID',
      'A CRN id contains an unpaired UTF-16 surrogate; pass well-formed text.',
    )
  }
}

/**
 * Writes a CRN as its canonical string.
 *
 * @example
 * formatCrn({ authority: 'confluent.cloud', segments: [{ type: 'organization', id: 'o-1' }] })
 * // 'crn://confluent.cloud/organization=o-1'
 */
export function formatCrn(crn: Crn): string {
  _assertAuthority(crn.authority)
  if (crn.segments.length === 0) {
    throw new StrataError(
      'STRATA_ERR_CRN_INVALID',
      'A CRN needs at least one type=id segment; pass the resource chain, outermost first.',
    )
  }
  const path = crn.segments.map((segment) => {
    if (!_CRN_TYPE_PATTERN.test(segment.type)) {
      throw new StrataError(
        'STRATA_ERR_CRN_INVALID',
        `CRN segment type "${segment.type}" is not lower kebab-case; use a name such as "cloud-cluster".`,
      )
    }
    if (segment.id.length === 0) {
      throw new StrataError(
        'STRATA_ERR_CRN_INVALID',
        `CRN segment "${segment.type}" has an empty id; every segment needs an id.`,
      )
    }
    return `${segment.type}=${escapeCrnId(segment.id)}`
  })
  return `crn://${crn.authority}/${path.join('/')}`
}

/**
 * Builds a CRN string from a chain of `[type, id]` pairs or segments, outermost first.
 *
 * @example
 * buildCrn([['organization', 'o-1'], ['environment', 'env-2'], ['cloud-cluster', 'lkc-3']])
 * // 'crn://confluent.cloud/organization=o-1/environment=env-2/cloud-cluster=lkc-3'
 */
export function buildCrn(
  chain: readonly (CrnSegment | readonly [type: string, id: string])[],
  options: BuildCrnOptions = {},
): string {
  const segments = chain.map((entry) => ('type' in entry ? entry : { type: entry[0], id: entry[1] }))
  return formatCrn({ authority: options.authority ?? CONFLUENT_CLOUD_AUTHORITY, segments })
}

/**
 * Returns the CRN of a child resource: the parent's chain plus one `type=id` segment.
 *
 * @example
 * childCrn(environmentCrn, 'cloud-cluster', 'lkc-3')
 */
export function childCrn(parent: Crn, type: string, id: string): Crn {
  return { authority: parent.authority, segments: [...parent.segments, { type, id }] }
}

/**
 * Returns the CRN of the enclosing resource, or `undefined` for a top-level resource.
 *
 * @example
 * parentCrn(clusterCrn)?.segments.at(-1)?.type // 'environment'
 */
export function parentCrn(crn: Crn): Crn | undefined {
  if (crn.segments.length <= 1) return undefined
  return { authority: crn.authority, segments: crn.segments.slice(0, -1) }
}

/**
 * Returns the id of the first segment of a given type, or `undefined` when the chain has none.
 *
 * @example
 * crnId(clusterCrn, 'environment') // 'env-456xy'
 */
export function crnId(crn: Crn, type: string): string | undefined {
  return crn.segments.find((segment) => segment.type === type)?.id
}

function _assertAuthority(authority: string): void {
  if (!_CRN_AUTHORITY_PATTERN.test(authority)) {
    throw new StrataError(
      'STRATA_ERR_CRN_INVALID',
      `CRN authority "${authority}" is not a host name; use "confluent.cloud" or the metadata service host.`,
    )
  }
}
