import type { VersionContext } from '../api/index.ts'
import type { RequestParts, ResponseParts } from '../change/instruction.ts'
import { HttpProblem } from '../conventions/error/index.ts'
import {
  assembleSchema,
  type Mount,
  planRoute,
  type RoutePlan,
  type RouteSpec,
  same,
  type VersionPlan,
} from '../migrate/index.ts'
import type { ApiVersion } from '../version/index.ts'
import { fieldIssues, type PartValidator, type VersionValidators, validationProblem } from './validate.ts'

/** One head route compiled against its scope's ledger, shared by every path it answers at. */
export interface CompiledRoute {
  readonly plan: RoutePlan
  /** The plan of each version index; `undefined` where the version is served exactly as head. */
  readonly plans: readonly (VersionPlan | undefined)[]
  /** Validators of each version index whose request shape differs from head's. */
  readonly validators: readonly ({ body?: PartValidator; query?: PartValidator } | undefined)[]
  /** Whether any version needs request or response work beyond head's. */
  readonly migrates: boolean
}

/**
 * Compiles a route's plan and, for the versions whose request shapes differ from head's, their
 * validators: an old request is validated at its own version whether or not anything converts.
 *
 * @example
 * const route = compileRoute({ method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } }, versions, validators, false)
 */
export function compileRoute(
  spec: RouteSpec,
  versions: readonly ApiVersion[],
  validators: VersionValidators,
  strict: boolean,
): CompiledRoute {
  const plan = planRoute(spec, versions)
  const plans = versions.map((_, i) => plan.plan(i))
  const head = versions.length - 1
  const differs = (part: 'body' | 'query', i: number) => {
    const at = plan.requestSchema(part, i)
    if (at === undefined || (part === 'body' ? spec.body : spec.query) === undefined) return undefined
    const h = plan.requestSchema(part, head)!
    const same =
      JSON.stringify(assembleSchema(at.root, at.shapeOf, true)) ===
      JSON.stringify(assembleSchema(h.root, h.shapeOf, true))
    return same ? undefined : at
  }
  const checks = plans.map((_, i) => {
    if (i === head) return undefined
    const body = differs('body', i)
    const query = differs('query', i)
    if (body === undefined && query === undefined) return undefined
    return {
      ...(body ? { body: validators.body(body, strict) } : {}),
      ...(query ? { query: validators.query(query) } : {}),
    }
  })
  return {
    plan,
    plans,
    validators: checks,
    migrates: plans.some((p) => p !== undefined) || checks.some((c) => c !== undefined),
  }
}

/** The versions one path of a route serves (an endpoint may be removed and added back: several ranges). */
export function rangesAt(route: CompiledRoute, at: { method: string; path: string }): Mount[] {
  return route.plan.mounts.filter((m) => same(m, at))
}

/** The older paths a route still answers at for older versions, one entry per method and path. */
export function aliasesOf(route: CompiledRoute, head: { method: string; path: string }): Mount[] {
  const out: Mount[] = []
  for (const m of route.plan.mounts) if (!same(m, head) && !out.some((a) => same(a, m))) out.push(m)
  return out
}

/**
 * The mount gate: a 404 when the client's version does not have this endpoint at this path (the
 * playground channel sees every endpoint).
 *
 * @example
 * const problem = gateVersion(ranges, request.strata, 'GET', '/assets/7')
 */
export function gateVersion(
  ranges: readonly Mount[],
  context: VersionContext,
  method: string,
  path: string,
): HttpProblem | undefined {
  const index = context.index
  if (context.channel === 'playground' || ranges.some((r) => index >= r.from && index < r.to)) return undefined
  return new HttpProblem({
    status: 404,
    code: 'NOT_FOUND',
    message: `${method} ${path} does not exist in API version ${context.label}`,
  })
}

/** Whether a route serves every version at this path, so the gate can be skipped. */
export const servesEveryVersion = (ranges: readonly Mount[], versions: number): boolean =>
  ranges.some((r) => r.from === 0 && r.to >= versions)

/**
 * Validates a request at the client's version and migrates it up to head, in place. Returns the
 * 422 problem when the request breaks its version's schema.
 *
 * @example
 * const problem = migrateRequest(route, request.strata.index, parts)
 */
export function migrateRequest(route: CompiledRoute, index: number, parts: RequestParts): HttpProblem | undefined {
  const v = route.validators[index]
  if (v !== undefined) {
    const issues = [
      ...(v.query && !v.query(parts.query) ? fieldIssues(v.query.errors ?? []) : []),
      ...(v.body && parts.body !== undefined && !v.body(parts.body) ? fieldIssues(v.body.errors ?? []) : []),
    ]
    if (issues.length > 0) return validationProblem(issues)
  }
  route.plans[index]?.requestUp?.(parts)
  return undefined
}

/**
 * Migrates a success response down to the client's version, in place: body, status and the
 * headers the handler set. Errors (status ≥ 400) are migrated as problems instead.
 *
 * @example
 * if (migrateResponse(route, index, parts)) reply.serializer(JSON.stringify)
 */
export function migrateResponse(route: CompiledRoute, index: number, parts: ResponseParts): boolean {
  const down = route.plans[index]?.responseDown
  if (down === undefined || parts.status >= 400) return false
  down(parts)
  return true
}
