import { StrataError } from '../../error/index.ts'
import { type ListLinks, type ResourceList, shapeList } from './list.ts'
import { type Resource, type ResourceInit, shapeResource } from './resource.ts'

/** The fixed facts of one resource kind: its API version, its kind name and where its objects live. */
export interface ResourceKindInit {
  readonly apiVersion: string
  readonly kind: string
  /** The `self` URL of an object of this kind, from its id. */
  readonly self: (id: string) => string
}

/** Shapes objects and lists of one kind without repeating its API version, kind and URL. */
export interface ResourceKind<Spec, Status> {
  readonly apiVersion: string
  readonly kind: string
  /** Shapes one object; `self` is derived from the id. */
  resource(init: Omit<ResourceInit<Spec, Status>, 'apiVersion' | 'kind' | 'self'>): Resource<Spec, Status>
  /** Shapes a page of already-shaped objects as `<Kind>List`. */
  list(
    data: readonly Resource<Spec, Status>[],
    page?: { readonly links?: ListLinks | undefined; readonly totalSize?: number | undefined },
  ): ResourceList<Resource<Spec, Status>>
}

/**
 * Declares a resource kind once, so handlers shape its objects and lists in one call each.
 *
 * @example
 * const clusters = defineResourceKind<ClusterSpec, ClusterStatus>({ apiVersion: 'cmk/v2', kind: 'Cluster',
 *   self: (id) => `https://api.example.com/cmk/v2/clusters/${id}` })
 * clusters.list([clusters.resource({ id: 'lkc-1', spec, status })], { links, totalSize: 1 })
 */
export function defineResourceKind<Spec = Record<string, unknown>, Status = Record<string, unknown>>(
  init: ResourceKindInit,
): ResourceKind<Spec, Status> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(init.kind)) {
    throw new StrataError(
      'STRATA_ERR_OBJECT_INVALID_KIND',
      `Resource kind "${init.kind}" is not UpperCamelCase; use a name such as "Cluster".`,
    )
  }
  return {
    apiVersion: init.apiVersion,
    kind: init.kind,
    resource: (fields) =>
      shapeResource<Spec, Status>({
        ...fields,
        apiVersion: init.apiVersion,
        kind: init.kind,
        self: init.self(fields.id),
      }),
    list: (data, page = {}) =>
      shapeList({ apiVersion: init.apiVersion, kind: init.kind, data, links: page.links, totalSize: page.totalSize }),
  }
}
