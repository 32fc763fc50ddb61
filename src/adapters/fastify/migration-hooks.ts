import type { ValidateFunction } from 'ajv'
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { Api } from '../../api/index.ts'
import type { JsonSchema, ProblemParts, ResponseParts } from '../../change/instruction.ts'
import { HttpProblem } from '../../conventions/error/index.ts'
import {
  assembleSchema,
  type Mount,
  planRoute,
  type RoutePlan,
  type RouteSpec,
  same,
  type VersionPlan,
} from '../../migrate/index.ts'
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
  const at = mount ?? { method: headSpec.method, path: headSpec.path }
  const ranges = plan.mounts.filter((m) => same(m, at))
  const head = versions.versions.length - 1
  const aliases: Mount[] = []
  if (mount === undefined && route.method !== 'HEAD') {
    for (const m of plan.mounts) if (!same(m, at) && !aliases.some((a) => same(a, m))) aliases.push(m)
  }

  if (!ranges.some((r) => r.from === 0 && r.to > head)) {
    route.onRequest = [
      ..._hooks(route.onRequest),
      (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
        const index = request.strata.index
        if (request.strata.channel !== 'playground' && !ranges.some((r) => index >= r.from && index < r.to)) {
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

  if (plans.every((p) => p === undefined) && validate.every((v) => v === undefined)) return aliases

  route.preValidation = [
    ..._hooks(route.preValidation),
    (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const index = request.strata.index
      const p = plans[index]
      const v = validate[index]
      if (p !== undefined) (request as _WithPlan)[kPlan] = p
      // Validated at the client's version whenever its request shape differs from head's, whether or
      // not anything converts (an enum value added in head is a 422 for older clients).
      if (v !== undefined) {
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
      }
      if (p?.requestUp !== undefined) {
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
      const before = _plainHeaders(reply.getHeaders())
      const parts: ResponseParts = { body: payload, status: reply.statusCode, headers: { ...before } }
      p.responseDown(parts)
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

/** The headers a handler set, as the strings an endpoint migration reads and rewrites. */
function _plainHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return out
}

/** Compiles a route's plan and, for the versions whose request shapes differ from head's, their validators. */
function _prepare(
  spec: RouteSpec,
  versions: readonly ApiVersion[],
  validators: VersionValidators,
  strict: boolean,
): _Prepared {
  const plan = planRoute(spec, versions)
  const plans = versions.map((_, i) => plan.plan(i))
  const head = versions.length - 1
  const differs = (part: 'body' | 'query', i: number) => {
    const at = plan.requestSchema(part, i)
    if (at === undefined || (part === 'body' ? spec.body : spec.query) === undefined) return undefined
    const own = assembleSchema(at.root, at.shapeOf, true)
    const h = plan.requestSchema(part, head)!
    return JSON.stringify(own) === JSON.stringify(assembleSchema(h.root, h.shapeOf, true)) ? undefined : at
  }
  const validate = plans.map((_, i) => {
    if (i === head) return undefined
    const body = differs('body', i)
    const query = differs('query', i)
    if (body === undefined && query === undefined) return undefined
    return {
      body: body ? validators.body(body, strict) : undefined,
      query: query ? validators.query(query) : undefined,
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
