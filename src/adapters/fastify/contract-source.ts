import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Api } from '../../api/index.ts'
import type { JsonSchema } from '../../change/index.ts'
import { StrataError } from '../../error/index.ts'
import type { ContractRoute, ContractSource, OperationMeta } from '../../openapi/contract/index.ts'
import { isAlias, type RouteRegistry } from './migration-hooks.ts'

interface _Recorded {
  readonly api: Api
  readonly registry: RouteRegistry
  /** Path parameters, headers and operation text per `METHOD url`, which the registry does not keep. */
  readonly extras: Map<string, Omit<ContractRoute, 'scope' | 'spec'>>
}

const recorded = new WeakMap<FastifyInstance, _Recorded>()

function _extras(route: RouteOptions): Omit<ContractRoute, 'scope' | 'spec'> {
  const schema = (route.schema ?? {}) as Record<string, unknown>
  const meta: { -readonly [K in keyof OperationMeta]: OperationMeta[K] } = {}
  if (typeof schema.summary === 'string') meta.summary = schema.summary
  if (typeof schema.description === 'string') meta.description = schema.description
  if (Array.isArray(schema.tags)) meta.tags = schema.tags.map(String)
  if (typeof schema.operationId === 'string') meta.operationId = schema.operationId
  if (schema.deprecated === true) meta.deprecated = true
  return {
    ...(schema.params !== undefined ? { params: schema.params as JsonSchema } : {}),
    ...(schema.headers !== undefined ? { headers: schema.headers as JsonSchema } : {}),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  }
}

/**
 * Called by the Strata plugin when it registers: remembers the API and the plugin's route registry
 * for {@link contractSourceOf}, and records what contracts need beyond the migratable spec.
 */
export function _recordContractSource(app: FastifyInstance, api: Api, registry: RouteRegistry): void {
  const extras = new Map<string, Omit<ContractRoute, 'scope' | 'spec'>>()
  recorded.set(app, { api, registry, extras })
  app.addHook('onRoute', (route) => {
    if (isAlias(route) || route.method === 'HEAD') return
    extras.set(`${String(route.method)} ${route.url}`, _extras(route))
  })
}

/**
 * The contract source of a Fastify app built with the `strata` plugin: its API and every head
 * route. Call it after `await app.ready()`; nothing here needs the app to listen.
 *
 * @example
 * const app = await createServer({ dataDir })
 * await app.ready()
 * const contracts = generateContracts(contractSourceOf(app), { now: new Date() })
 */
export function contractSourceOf(app: FastifyInstance): ContractSource {
  const found = recorded.get(app)
  if (found === undefined) {
    throw new StrataError(
      'STRATA_ERR_CONTRACT_NO_PLUGIN',
      'This Fastify app has no Strata plugin registered on it; register `strata` on the app itself (await app.register(strata, { api })) before reading its contracts.',
    )
  }
  const routes = found.registry.specs.map(({ scope, spec }) => ({
    scope,
    spec,
    ...found.extras.get(`${spec.method} ${spec.path}`),
  }))
  return { api: found.api, routes }
}
