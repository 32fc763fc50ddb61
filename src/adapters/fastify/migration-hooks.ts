import type { FastifyReply, FastifyRequest, FastifySchemaCompiler, RouteOptions } from 'fastify'
import type { FastifySchemaValidationError } from 'fastify/types/schema.js'
import type { JsonSchema, ResponseParts } from '../../change/instruction.ts'
import type { Mount, VersionPlan } from '../../migrate/index.ts'
import { splitUrl } from '../../negotiate/index.ts'
import {
  aliasesOf,
  type CompiledRoute,
  gateMount,
  migrateRequest,
  migrateResponse,
  type PartValidator,
  type RouteRegistry,
  rangesAt,
  servesEveryVersion,
} from '../../runtime/index.ts'
import { contractRouteOf, routeSettings, specOf } from './route.ts'

const kPlan = Symbol('strata.plan')
type _WithPlan = FastifyRequest & { [kPlan]?: VersionPlan }

/** The plan serving this request, if its version needs one (for error rendering). */
export const planOf = (request: FastifyRequest): VersionPlan | undefined => (request as _WithPlan)[kPlan]

// Request parts already validated at the client's version (and migrated up): not validated again at head.
const _checked = new WeakSet<object>()

/**
 * The route's validator compiler, for routes some version migrates: the runtime's head validators (the
 * same as every other adapter's), passing the parts validated at the client's version (validate once).
 */
function _headValidators(
  registry: RouteRegistry,
  compiled: CompiledRoute,
  strict: boolean,
): FastifySchemaCompiler<unknown> {
  const versions = compiled.plans.length
  return ({ schema, httpPart }) => {
    const part = httpPart === 'body' || httpPart === 'querystring' ? httpPart : undefined
    const versioned =
      part === undefined ? undefined : compiled.plan.requestSchema(part === 'body' ? 'body' : 'query', versions - 1)
    const root = { root: schema as JsonSchema, shapeOf: () => undefined }
    const check: PartValidator =
      part === 'body'
        ? registry.validators.body(versioned ?? root, strict)
        : registry.validators.query(versioned ?? root)
    const validate = (data: unknown): boolean => {
      if (data !== null && typeof data === 'object' && _checked.has(data)) return true
      const ok = check(data)
      validate.errors = (check.errors ?? null) as FastifySchemaValidationError[] | null
      return ok
    }
    validate.errors = null as FastifySchemaValidationError[] | null
    return validate
  }
}

const _hooks = (existing: unknown): unknown[] =>
  existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]

/** The headers a handler set, as the strings an endpoint migration reads and rewrites. */
function _plainHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

/**
 * Registers a route with the runtime and installs route-level hooks only where some version needs
 * them: the version gate (404 outside the versions a path serves), request validation at the
 * client's version with migration up, and response migration down. Returns the aliases (older
 * paths) to mount.
 */
export function installMigrationHooks(registry: RouteRegistry, route: RouteOptions, mount?: Mount): Mount[] {
  const { scope, strict } = routeSettings(route)
  const versions = registry.api.versionsOf(scope).versions.length
  const spec = specOf(route)
  const headSpec = mount === undefined ? spec : { ...spec, path: headPathOf(route) }
  const isHead = mount === undefined && route.method !== 'HEAD'
  if (isHead) registry.add(contractRouteOf(route, scope))
  const compiled = registry.compiled(scope, headSpec, strict ?? false)
  const at = mount ?? { method: headSpec.method, path: headSpec.path }
  const ranges = rangesAt(compiled, at)
  const aliases = isHead ? aliasesOf(compiled, at) : []

  if (!servesEveryVersion(ranges, versions)) {
    route.onRequest = [
      ..._hooks(route.onRequest),
      (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
        done(gateMount(ranges, request.strata, request.method, splitUrl(request.url).path))
      },
    ] as NonNullable<RouteOptions['onRequest']>
  }
  if (!compiled.migrates) return aliases
  route.validatorCompiler ??= _headValidators(registry, compiled, strict ?? false)

  route.preValidation = [
    ..._hooks(route.preValidation),
    (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const index = request.strata.index
      const plan = compiled.plans[index]
      if (plan !== undefined) (request as _WithPlan)[kPlan] = plan
      const parts = { body: request.body, query: request.query as Record<string, unknown>, headers: request.headers }
      const problem = migrateRequest(compiled, index, parts)
      if (problem !== undefined) {
        done(problem)
        return
      }
      const checked = compiled.validators[index]
      if (checked?.body && parts.body !== null && typeof parts.body === 'object') _checked.add(parts.body)
      if (checked?.query && parts.query !== null && typeof parts.query === 'object') _checked.add(parts.query)
      request.body = parts.body
      request.query = parts.query
      done()
    },
  ] as NonNullable<RouteOptions['preValidation']>

  route.preSerialization = [
    ..._hooks(route.preSerialization),
    (
      request: FastifyRequest,
      reply: FastifyReply,
      payload: unknown,
      done: (err: Error | null, value?: unknown) => void,
    ) => {
      // Problems sent before negotiation (a malformed version) have no version to migrate to.
      const strata = request.strata as typeof request.strata | null
      if (strata === null || reply.statusCode >= 400 || compiled.plans[strata.index]?.responseDown === undefined) {
        done(null, payload)
        return
      }
      const before = _plainHeaders(reply.getHeaders())
      const parts: ResponseParts = { body: payload, status: reply.statusCode, headers: { ...before } }
      if (!migrateResponse(compiled, strata.index, parts)) {
        done(null, payload)
        return
      }
      if (parts.status !== reply.statusCode) reply.code(parts.status)
      for (const name of Object.keys(before)) if (!Object.hasOwn(parts.headers, name)) reply.removeHeader(name)
      for (const [name, value] of Object.entries(parts.headers)) if (before[name] !== value) reply.header(name, value)
      // The route's compiled serializer knows head's shape only; older shapes use JSON.stringify.
      reply.serializer(JSON.stringify)
      done(null, parts.body)
    },
  ] as NonNullable<RouteOptions['preSerialization']>
  return aliases
}

const kHeadPath = Symbol('strata.headPath')
/** Marks an alias route with the head path it stands for. */
export const markAlias = (config: Record<string, unknown>, headPath: string): Record<string, unknown> => ({
  ...config,
  [kHeadPath]: headPath,
})
/** The head path of a route (its own URL unless it is an alias of an older path). */
export const headPathOf = (route: RouteOptions): string =>
  ((route.config as Record<symbol, unknown> | undefined)?.[kHeadPath] as string | undefined) ?? route.url
/** Whether a route is an alias Strata mounted for an older path. */
export const isAlias = (route: RouteOptions): boolean =>
  (route.config as Record<symbol, unknown> | undefined)?.[kHeadPath] !== undefined
