import { formatTimestamp, type TimestampInput } from './timestamp.ts'

/** The `metadata` object every resource carries; absent members are omitted, never `null`. */
export interface ResourceMetadata {
  /** The URL at which the object can be addressed. */
  readonly self: string
  /** The object's CRN, globally unique and never reused. */
  readonly resource_name?: string
  readonly created_at?: string
  readonly updated_at?: string
  /** When the object was or will be deleted. */
  readonly deleted_at?: string
}

/** A resource in the Confluent object model, with `spec` (desired state) and `status` (observed state). */
export interface Resource<Spec = Record<string, unknown>, Status = Record<string, unknown>> {
  readonly api_version: string
  readonly kind: string
  readonly id: string
  readonly metadata: ResourceMetadata
  readonly spec?: Spec
  readonly status?: Status
}

/** The values a resource is shaped from, in camelCase; timestamps may be `Date`s or text. */
export interface ResourceInit<Spec = Record<string, unknown>, Status = Record<string, unknown>> {
  readonly apiVersion: string
  readonly kind: string
  /** The natural identifier, unique within the parent resource. */
  readonly id: string
  readonly self: string
  /** The CRN, e.g. from `buildCrn`. */
  readonly resourceName?: string | undefined
  readonly createdAt?: TimestampInput | null | undefined
  readonly updatedAt?: TimestampInput | null | undefined
  readonly deletedAt?: TimestampInput | null | undefined
  readonly spec?: Spec | undefined
  readonly status?: Status | undefined
}

/**
 * Shapes a resource in the object model: `api_version`, `kind`, `id`, `metadata`, then `spec` and
 * `status`; members without a value are omitted, as the seed's compatibility policy allows.
 *
 * @example
 * shapeResource({ apiVersion: 'cmk/v2', kind: 'Cluster', id: 'lkc-1', self: 'https://api.example.com/cmk/v2/clusters/lkc-1',
 *   createdAt: new Date(), spec: { display_name: 'orders' }, status: { phase: 'PROVISIONING' } })
 */
export function shapeResource<Spec = Record<string, unknown>, Status = Record<string, unknown>>(
  init: ResourceInit<Spec, Status>,
): Resource<Spec, Status> {
  const metadata: { -readonly [K in keyof ResourceMetadata]: ResourceMetadata[K] } = { self: init.self }
  if (init.resourceName != null) metadata.resource_name = init.resourceName
  if (init.createdAt != null) metadata.created_at = formatTimestamp(init.createdAt)
  if (init.updatedAt != null) metadata.updated_at = formatTimestamp(init.updatedAt)
  if (init.deletedAt != null) metadata.deleted_at = formatTimestamp(init.deletedAt)

  const resource: { -readonly [K in keyof Resource<Spec, Status>]: Resource<Spec, Status>[K] } = {
    api_version: init.apiVersion,
    kind: init.kind,
    id: init.id,
    metadata,
  }
  if (init.spec != null) resource.spec = init.spec
  if (init.status != null) resource.status = init.status
  return resource
}
