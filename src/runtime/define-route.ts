import type { VersionContext } from '../api/index.ts'
import type { JsonSchema } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import { type NamedSchema, schemaNameOf, toJsonSchema } from '../schema/index.ts'

/** The head type a schema given to {@link defineRoute} describes: named schemas, zod 4 and TypeBox are inferred. */
export type Infer<S> =
  S extends NamedSchema<infer T>
    ? T
    : S extends { readonly _zod: { readonly output: infer O } }
      ? O
      : S extends { readonly static: infer T }
        ? T
        : unknown

/** What a declared route's handler receives: every part already validated and migrated to head. */
export interface RouteInput<P, Q, B> {
  readonly params: P
  readonly query: Q
  readonly body: B
  /** Lower-cased request headers. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** The negotiated version of this request. */
  readonly strata: VersionContext
  /** Who is calling, as the adapter's `principal` option says. */
  readonly principal: unknown
}

const kReply = Symbol.for('strata.reply')

/** A handler's answer with a status or headers of its own; any other return value is a 200 body. */
export interface Reply {
  readonly [kReply]: true
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * Answers with a status (and headers) other than 200.
 *
 * @example
 * return respond(201, present(created))
 */
export function respond(status: number, body?: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return { [kReply]: true, status, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) }
}

/** Whether a handler's return value is a {@link Reply}. */
export const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kReply] === true

/** A route declared without any framework: method, head path template, head schemas, handler. */
export interface RouteDefinition {
  readonly method: string
  /** The head path template, `/assets/:id`. */
  readonly path: string
  readonly schemas: {
    readonly params?: JsonSchema
    readonly query?: JsonSchema
    readonly body?: JsonSchema
    readonly responses?: Readonly<Record<string, JsonSchema>>
  }
  /** The version scope (API group or endpoint); the API-wide one when absent. */
  readonly scope?: string
  /** Reject (not ignore) unknown request fields. */
  readonly strict?: boolean
  /** `optional` lets anonymous requests reach the route when the API authenticates (they are still rate-limited). */
  readonly auth?: 'required' | 'optional'
  /** Left out of contracts, changelogs and compatibility checks: an undocumented route carries no promise. */
  readonly internal?: boolean
  readonly summary?: string
  readonly handler: (input: RouteInput<unknown, unknown, unknown>) => unknown
}

/** The declaration {@link defineRoute} takes; schemas may be named schemas, zod 4, TypeBox or JSON Schema. */
export interface RouteDeclaration<P, Q, B> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | (string & {})
  readonly path: string
  readonly params?: P
  readonly query?: Q
  readonly body?: B
  readonly responses?: Readonly<Record<string, unknown>>
  readonly scope?: string
  readonly strict?: boolean
  readonly auth?: 'required' | 'optional'
  /** Left out of contracts, changelogs and compatibility checks (still served and versioned). */
  readonly internal?: boolean
  readonly summary?: string
  readonly handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>) => unknown
}

/** A schema given to a route as JSON Schema; a named schema keeps its identity so the ledger reaches it. */
export function routeSchema(input: unknown): JsonSchema {
  const named = input as Partial<NamedSchema>
  if (typeof named.name === 'string' && schemaNameOf(named.schema) === named.name) return named.schema as JsonSchema
  if (schemaNameOf(input) !== undefined) return input as JsonSchema
  return toJsonSchema(input)
}

/**
 * Declares a route for any adapter: the handler's input is typed from the schemas, and every adapter
 * (Fastify, Hono, Express, node:http) serves it the same way.
 *
 * @example
 * const getAsset = defineRoute({
 *   method: 'GET', path: '/assets/:id', params: AssetId, responses: { 200: Asset },
 *   handler: ({ params }) => store.get(params.id),
 * })
 */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(
  declaration: RouteDeclaration<P, Q, B>,
): RouteDefinition {
  if (!declaration.path.startsWith('/')) {
    throw new StrataError(
      'STRATA_ERR_ROUTE_INVALID',
      `Route ${declaration.method} ${declaration.path}: the path must start with '/' (e.g. '/assets/:id').`,
    )
  }
  const responses =
    declaration.responses === undefined
      ? undefined
      : Object.fromEntries(Object.entries(declaration.responses).map(([status, s]) => [status, routeSchema(s)]))
  return {
    method: declaration.method.toUpperCase(),
    path: declaration.path,
    schemas: {
      ...(declaration.params !== undefined ? { params: routeSchema(declaration.params) } : {}),
      ...(declaration.query !== undefined ? { query: routeSchema(declaration.query) } : {}),
      ...(declaration.body !== undefined ? { body: routeSchema(declaration.body) } : {}),
      ...(responses !== undefined ? { responses } : {}),
    },
    ...(declaration.scope !== undefined ? { scope: declaration.scope } : {}),
    ...(declaration.strict !== undefined ? { strict: declaration.strict } : {}),
    ...(declaration.auth !== undefined ? { auth: declaration.auth } : {}),
    ...(declaration.internal === true ? { internal: true } : {}),
    ...(declaration.summary !== undefined ? { summary: declaration.summary } : {}),
    handler: declaration.handler as RouteDefinition['handler'],
  }
}

/**
 * The same routes under a path prefix (as Fastify's `register(..., { prefix })` does).
 *
 * @example
 * const routes = [...withPrefix('/api/v1', assetRoutes), ...withPrefix('/api/playground', assetRoutes)]
 */
export function withPrefix(prefix: string, routes: readonly RouteDefinition[]): RouteDefinition[] {
  const base = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix
  return routes.map((r) => ({ ...r, path: r.path === '/' ? base || '/' : `${base}${r.path}` }))
}
