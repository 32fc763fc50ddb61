/** One declaration per resource kind, shaping its objects and lists. */
export { defineResourceKind, type ResourceKind, type ResourceKindInit } from './kind.ts'
/** List envelopes: `<Kind>List` with page links and `total_size`. */
export { type ListInit, type ListLinks, type ListMetadata, type ResourceList, shapeList } from './list.ts'
/** Resources with `api_version`, `kind`, `id`, `metadata`, `spec` and `status`. */
export { type Resource, type ResourceInit, type ResourceMetadata, shapeResource } from './resource.ts'
/** RFC 3339 UTC timestamps. */
export { formatTimestamp, type TimestampInput } from './timestamp.ts'
