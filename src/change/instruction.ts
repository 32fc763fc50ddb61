/** A JSON Schema object (2020-12), as Strata handles schemas internally. */
export type JsonSchema = { readonly [key: string]: unknown }

/** A function that converts one value between two adjacent versions. */
export type ValueConverter = (value: unknown) => unknown

/** A custom migration of one schema's objects (request: up to the newer version; response: down). */
export interface SchemaMigration {
  // biome-ignore lint/suspicious/noExplicitAny: the shapes of two versions; typed at the builder
  readonly request?: (body: any) => unknown
  // biome-ignore lint/suspicious/noExplicitAny: the shapes of two versions; typed at the builder
  readonly response?: (body: any) => unknown
}

/** What a custom endpoint migration sees of a request on its way up. */
export interface RequestParts {
  body: unknown
  query: Record<string, unknown>
  headers: Record<string, string | string[] | undefined>
}

/** What a custom endpoint migration sees of a response on its way down. */
export interface ResponseParts {
  body: unknown
  status: number
  headers: Record<string, string>
}

/** The error problem as an error migration sees it: plain data it may rewrite. */
export interface ProblemParts {
  status: number
  code: string
  message: string
  suggestion?: string
  detail?: string
  fields?: { field: string; message: string; reason?: string }[]
  data?: Record<string, unknown>
}

/** Custom migrations of one endpoint. */
export interface EndpointMigration {
  readonly request?: (parts: RequestParts) => void
  readonly response?: (parts: ResponseParts) => void
  readonly error?: (problem: ProblemParts) => void
}

/** Where a schema instruction points: a named schema and a field path (`a`, `a.b`, `a[].b`). */
export interface FieldTarget {
  readonly schema: string
  readonly path: string
}

/** An endpoint: method and head path (Fastify style, `/assets/:id`). */
export interface EndpointTarget {
  readonly method: string
  readonly path: string
}

/**
 * One declarative or custom instruction of a change. Each describes how the version that
 * introduces the change differs from the version before it.
 */
export type Instruction =
  | ({ readonly kind: 'field-added'; readonly default?: { value: unknown } } & FieldTarget)
  | ({
      readonly kind: 'field-removed'
      readonly was: JsonSchema
      readonly required: boolean
      readonly default?: { value: unknown }
    } & FieldTarget)
  | ({ readonly kind: 'field-renamed'; readonly from: string } & FieldTarget)
  | ({
      readonly kind: 'field-type-changed'
      readonly was: JsonSchema
      readonly down: ValueConverter
      readonly up: ValueConverter
    } & FieldTarget)
  | ({ readonly kind: 'field-made-required'; readonly default: { value: unknown } } & FieldTarget)
  | ({ readonly kind: 'field-made-optional'; readonly default: { value: unknown } } & FieldTarget)
  | ({ readonly kind: 'field-default-changed'; readonly from: unknown } & FieldTarget)
  | ({ readonly kind: 'enum-value-added'; readonly value: unknown; readonly fallback: unknown } & FieldTarget)
  | ({ readonly kind: 'enum-value-removed'; readonly value: unknown; readonly mapTo: unknown } & FieldTarget)
  | { readonly kind: 'schema-migration'; readonly schema: string; readonly migration: SchemaMigration }
  | ({ readonly kind: 'endpoint-added' } & EndpointTarget)
  | ({ readonly kind: 'endpoint-removed' } & EndpointTarget)
  | ({ readonly kind: 'endpoint-renamed'; readonly from: EndpointTarget } & EndpointTarget)
  | ({ readonly kind: 'status-changed'; readonly status: number; readonly from: number } & EndpointTarget)
  | ({ readonly kind: 'endpoint-migration'; readonly migration: EndpointMigration } & EndpointTarget)
  | { readonly kind: 'error-migration'; readonly migrate: (problem: ProblemParts) => void }

/** The instruction kinds that target a field of a schema. */
export type FieldInstruction = Extract<Instruction, FieldTarget>

/** The instruction kinds that target an endpoint. */
export type EndpointInstruction = Extract<Instruction, EndpointTarget>
