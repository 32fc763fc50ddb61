import type { ValidateFunction } from 'ajv'
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { Api } from '../../api/index.ts'
import type { JsonSchema, ProblemParts, ResponseParts } from '../../change/instruction.ts'
import { HttpProblem } from '../../conventions/error/index.ts'
import { type Mount, planRoute, type RoutePlan, type RouteSpec, type VersionPlan } from '../../migrate/index.ts'
import type { ApiVersion } from '../../version/index.ts'
import { fieldIssues, type VersionValidators } from './request-validator.ts'

const kPlan = Symbol('strata.plan')
type _WithPlan = FastifyRequest & { [kPlan]?: VersionPlan }

/** The plan serving this request, if its version needs one (for error rendering). */
export const planOf = (request: FastifyRequest): VersionPlan | undefined => (request as _WithPlan)[kPlan]

/**
 * Applies a version plan's error migration to a problem, so older clients get their version's
 * field names and error format.
 */
export function migrateProblem(
  request: FastifyRequest,
  problem: HttpProblem,
  fallback: (request: FastifyRequest) => ((p: ProblemParts) => void) | undefined,
): HttpProblem {
  const errorDown = planOf(request)?.errorDown ?? fallback(request)
  if (errorDown === undefined) return problem
  const parts: ProblemParts = {
    status: problem.status,
    code: problem.code,
    message: problem.message,
    ...(problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {}),
    ...(problem.detail !== undefined ? { detail: problem.detail } : {}),
    ...(problem.fields !== undefined ? { fields: problem.fields.map((f) => ({ ...f })) } : {}),
    ...(problem.data !== undefined ? { data: { ...problem.data } } : {}),
  }
  errorDown(parts)
  return new HttpProblem({
    ...parts,
    ...(problem.headers !== undefined ? { headers: problem.headers } : {}),
    ...(problem.docUrl !== undefined ? { docUrl: problem.docUrl } : {}),
  })
}

/** Everything the plugin learned about routes, for the start-up check of the ledger. */
export interface RouteRegistry {
  readonly specs: { scope: string | undefined; spec: RouteSpec }[]
  /** Shared by every route of the plugin. */
  readonly validators: VersionValidators
  /** Compiled plans by scope, method and head path: HEAD routes and older-path aliases reuse their GET's. */
  readonly prepared: Map<string, _Prepared>
}

interface _Prepared {
  readonly plan: RoutePlan
  readonly plans: readonly (VersionPlan | undefined)[]
  readonly validate: readonly (
    | { body?: ValidateFunction | undefined; query?: ValidateFunction | undefined }
    | undefined
  )[]
}

function _spec(route: RouteOptions): RouteSpec {
  const schema = (route.schema ?? {}) as {
    body?: JsonSchema
    querystring?: JsonSchema
    response?: Record<string, JsonSchema>
  }
  return {
    // Fastify answers HEAD with the GET route's handler: it is the same endpoint in the ledger.
    method: route.method === 'HEAD' ? 'GET' : String(route.method),
    path: route.url,
    ...(schema.body !== undefined ? { body: schema.body } : {}),
    ...(schema.querystring !== undefined ? { query: schema.querystring } : {}),
    ...(schema.response !== undefined ? { responses: schema.response } : {}),
  }
}

const _hooks = (existing: unknown): unknown[] =>
  existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]

/**
 * Compiles a route against its scope's ledger and installs route-level hooks only where some
 * version needs them: a mount gate (404 outside the versions a path serves), request migration
 * with per-version validation, and response migration. Returns the aliases (older paths) to mount.
 */
export function installMigrationHooks(api: Api, route: RouteOptions, registry: RouteRegistry, mount?: Mount): Mount[] {
  const scope = (route.config as { strata?: { scope?: string; strict?: boolean } } | undefined)?.strata
  const versions = api.versionsOf(scope?.scope)
  const spec = _spec(route)
  const headSpec = mount === undefined ? spec : { ...spec, path: headPathOf(route) }
  if (mount === undefined && route.method !== 'HEAD') registry.specs.push({ scope: scope?.scope, spec })
  const key = `${scope?.scope ?? ''} ${headSpec.method} ${headSpec.path}`
  let prepared = registry.prepared.get(key)
  if (prepared === undefined) {
    prepared = _prepare(headSpec, versions.versions, registry.validators, scope?.strict ?? false)
    registry.prepared.set(key, prepared)
  }
  const { plan, plans, validate } = prepared
  const own = mount ?? plan.mounts[0]!
  const head = versions.versions.length - 1
  const aliases = mount === undefined && route.method !== 'HEAD' ? plan.mounts.slice(1) : []

  if (own.from > 0 || own.to <= head) {
    route.onRequest = [
      ..._hooks(route.onRequest),
      (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
        const index = request.strata.index
        if (request.strata.channel !== 'playground' && (index < own.from || index >= own.to)) {
          done(
            new HttpProblem({
              status: 404,
              code: 'NOT_FOUND',
              message: `${request.method} ${request.url.split('?')[0]} does not exist in API version ${request.strata.label}`,
            }),
          )
          return
        }
        done()
      },
    ] as NonNullable<RouteOptions['onRequest']>
  }

  if (plans.every((p) => p === undefined)) return aliases

  route.preValidation = [
    ..._hooks(route.preValidation),
    (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const index = request.strata.index
      const p = plans[index]
      if (p === undefined) {
        done()
        return
      }
      ;(request as _WithPlan)[kPlan] = p
      if (p.requestUp !== undefined) {
        const v = validate[index]
        const issues = [
          ...(v?.query && !v.query(request.query) ? fieldIssues(v.query.errors ?? []) : []),
          ...(v?.body && request.body !== undefined && !v.body(request.body) ? fieldIssues(v.body.errors ?? []) : []),
        ]
        if (issues.length > 0) {
          done(
            new HttpProblem({
              status: 422,
              code: 'VALIDATION_FAILED',
              message: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation`,
              detail: issues.map((f) => `${f.field} ${f.message}.`).join(' '),
              fields: issues,
              suggestion: 'Correct the listed fields and send the request again',
            }),
          )
          return
        }
        const parts = { body: request.body, query: request.query as Record<string, unknown>, headers: request.headers }
        p.requestUp(parts)
        request.body = parts.body
        request.query = parts.query
      }
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
      const p = planOf(request)
      if (p?.responseDown === undefined || reply.statusCode >= 400) {
        done(null, payload)
        return
      }
      const parts: ResponseParts = { body: payload, status: reply.statusCode, headers: {} }
      p.responseDown(parts)
      if (parts.status !== reply.statusCode) reply.code(parts.status)
      if (Object.keys(parts.headers).length > 0) reply.headers(parts.headers)
      // The route's compiled serializer knows head's shape only; older shapes use JSON.stringify.
      reply.serializer(JSON.stringify)
      done(null, parts.body)
    },
  ] as NonNullable<RouteOptions['preSerialization']>
  return aliases
}

/** Compiles a route's plan and, for the versions whose requests migrate, their validators. */
function _prepare(
  spec: RouteSpec,
  versions: readonly ApiVersion[],
  validators: VersionValidators,
  strict: boolean,
): _Prepared {
  const plan = planRoute(spec, versions)
  const plans = versions.map((_, i) => plan.plan(i))
  const validate = plans.map((p, i) => {
    if (p?.requestUp === undefined) return undefined
    const body = plan.requestSchema('body', i)
    const query = plan.requestSchema('query', i)
    return {
      body: body && spec.body !== undefined ? validators.body(body, strict) : undefined,
      query: query && spec.query !== undefined ? validators.query(query) : undefined,
    }
  })
  return { plan, plans, validate }
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
