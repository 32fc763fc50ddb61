import type { Api } from '../api/index.ts'
import { StrataError } from '../error/index.ts'
import { checkLedger, type RouteSpec, schemaNamesOf } from '../migrate/index.ts'
import type { ContractRoute, ContractSource } from '../openapi/contract/contract-source.ts'
import { type ConventionsInput, describeConventions } from '../openapi/contract/conventions-doc.ts'
import { type CompiledRoute, compileRoute } from './exchange.ts'
import { createVersionValidators, type PrecompiledValidators, type VersionValidators } from './validate.ts'

/** The routes one API serves, as adapters register them and as contracts, the CLI and the ledger check read them. */
export interface RouteRegistry {
  readonly api: Api
  /** The request validators every route of this API shares. */
  readonly validators: VersionValidators
  /** Every head route, in registration order (aliases and HEAD routes are not listed). */
  readonly routes: readonly ContractRoute[]
  /** Records a head route; a scope the API does not declare is refused. */
  add(route: ContractRoute): void
  /** The compiled route of a scope, method and head path (compiled once, shared by HEAD and alias routes). */
  compiled(scope: string | undefined, spec: RouteSpec, strict: boolean): CompiledRoute
  /** Checks that every instruction of the ledger reaches a registered schema and endpoint. */
  checkLedger(): void
  /** The contract source of the API and its head routes. */
  contractSource(): ContractSource
}

/**
 * Creates the route registry of one API; each adapter keeps one per app. The conventions'
 * configuration (authentication, rate limits) goes into every contract it describes.
 *
 * @example
 * const registry = createRouteRegistry(api)
 * registry.add({ scope: undefined, spec: { method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } } })
 */
export function createRouteRegistry(
  api: Api,
  options: { conventions?: ConventionsInput; validators?: PrecompiledValidators } = {},
): RouteRegistry {
  const conventions = options.conventions === undefined ? undefined : describeConventions(options.conventions)
  const routes: ContractRoute[] = []
  const compiled = new Map<string, CompiledRoute>()
  const validators: VersionValidators = createVersionValidators(options.validators)
  return {
    api,
    validators,
    routes,
    add(route) {
      checkScope(api, route.scope, route.spec.path)
      routes.push(route)
    },
    compiled(scope, spec, strict) {
      const key = `${scope ?? ''} ${spec.method} ${spec.path}`
      let found = compiled.get(key)
      if (found === undefined) {
        found = compileRoute(spec, api.versionsOf(scope).versions, validators, strict)
        compiled.set(key, found)
      }
      return found
    },
    checkLedger() {
      for (const scope of [undefined, ...api.scopeNames]) {
        const specs = routes.filter((r) => r.scope === scope).map((r) => r.spec)
        const names = new Set(specs.flatMap((spec) => [...schemaNamesOf(spec)]))
        checkLedger(api.versionsOf(scope).versions, names, specs)
      }
    },
    contractSource: () => ({ api, routes, ...(conventions !== undefined ? { conventions } : {}) }),
  }
}

/** Refuses a route that names a version scope the API does not declare. */
export function checkScope(api: Api, scope: string | undefined, path: string): void {
  if (scope === undefined || api.scopeNames.includes(scope)) return
  throw new StrataError(
    'STRATA_ERR_API_UNKNOWN_SCOPE',
    `Route ${path} names the version scope '${scope}', which the API does not declare; declare it under \`scopes\` (known: ${api.scopeNames.join(', ') || 'none'}).`,
  )
}

const registries = new WeakMap<object, RouteRegistry>()

/** Remembers the registry of an app object (a Fastify instance, a Hono app, a request listener). */
export function attachRegistry(app: object, registry: RouteRegistry): void {
  registries.set(app, registry)
}

/**
 * The route registry attached to an app object (or its `runtime`), if any.
 *
 * @example
 * const api = registryOf(request.server)?.api
 */
export function registryOf(app: object): RouteRegistry | undefined {
  return registries.get(app) ?? (app as { runtime?: { registry?: RouteRegistry } }).runtime?.registry
}

/**
 * The contract source of an app built with any Strata adapter: its API and every head route.
 * Call it once the app is ready; nothing here needs the app to listen.
 *
 * @example
 * const app = await createServer({ dataDir })
 * await app.ready()
 * const contracts = generateContracts(contractSourceOf(app), { now: new Date() })
 */
export function contractSourceOf(app: object): ContractSource {
  return requireRegistryOf(app).contractSource()
}

/**
 * The route registry of an app built with any Strata adapter (its routes and the request validators
 * they compiled), as `strata validators` reads it.
 *
 * @example
 * const schemas = requireRegistryOf(app).validators.compiledSchemas()
 */
export function requireRegistryOf(app: object): RouteRegistry {
  const found = registryOf(app)
  if (found === undefined) {
    throw new StrataError(
      'STRATA_ERR_CONTRACT_NO_PLUGIN',
      'This app has no Strata adapter attached; register `strata` on the app itself (for Fastify: await app.register(strata, { api })) before reading its contracts.',
    )
  }
  return found
}
