import type { Api } from '../../api/index.ts'
import type { JsonSchema } from '../../change/index.ts'
import type { RouteSpec } from '../../migrate/index.ts'
import type { ConventionsDoc } from './conventions-doc.ts'

/** What an operation says about itself besides its schemas (Fastify/Swagger style route schema keys). */
export interface OperationMeta {
  readonly summary?: string
  readonly description?: string
  readonly tags?: readonly string[]
  readonly operationId?: string
  /** The route itself is deprecated, whatever its version's phase. */
  readonly deprecated?: boolean
}

/** One head route as an adapter registered it: its migratable spec plus what the ledger never changes. */
export interface ContractRoute {
  /** The version scope (API group or endpoint), `undefined` for the API-wide one. */
  readonly scope: string | undefined
  /** Method, head path (`/assets/:id`), body, query and responses, exactly as the migration engine sees them. */
  readonly spec: RouteSpec
  /** Path parameters (an object schema), when the route declares them. */
  readonly params?: JsonSchema
  /** Request headers (an object schema), when the route declares them. */
  readonly headers?: JsonSchema
  readonly meta?: OperationMeta
  /** The route's own authentication setting; the API's default when absent. */
  readonly auth?: 'required' | 'optional'
  /**
   * An internal route carries no promise: it is left out of contracts, changelogs and
   * compatibility checks (an undocumented endpoint, as Confluent's policy puts it).
   */
  readonly internal?: boolean
}

/**
 * Everything contract generation needs from a running app, with no framework in it: the defined
 * API (versions, ledger, negotiation, error format) and every head route per scope.
 */
export interface ContractSource {
  readonly api: Api
  readonly routes: readonly ContractRoute[]
  /** A title for `info.title`; adapters may leave it out. */
  readonly title?: string
  /** Authentication and rate limits, when the app configures them. */
  readonly conventions?: ConventionsDoc
}

/**
 * Builds a contract source by hand, for apps outside a supported adapter or for tests.
 *
 * @example
 * const source = defineContractSource(api, [{ scope: undefined, spec: { method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } } }])
 */
export function defineContractSource(
  api: Api,
  routes: readonly ContractRoute[],
  options: { title?: string } = {},
): ContractSource {
  return { api, routes, ...(options.title !== undefined ? { title: options.title } : {}) }
}
