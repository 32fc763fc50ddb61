import { querySchemaName } from '../change/index.ts'
import type {
  EndpointMigration,
  Instruction,
  JsonSchema,
  ProblemParts,
  RequestParts,
  ResponseParts,
} from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import { schemaNameOf } from '../schema/index.ts'
import type { ApiVersion } from '../version/index.ts'
import type { Converter } from './codegen.ts'
import { checkFollowedPositions } from './followed-positions.ts'
import { compileLedger } from './ledger.ts'
import { type Mount, mountsOf, same } from './mounts.ts'
import { normalizeSchema, refTo } from './schema-walk.ts'

/** The head schemas of one route, as its framework declares them. */
export interface RouteSpec {
  readonly method: string
  /** The head path, e.g. `/api/v1/assets/:id`. */
  readonly path: string
  readonly body?: JsonSchema
  readonly query?: JsonSchema
  /** By status code (`200`, `201`, `2xx`, `default`). */
  readonly responses?: Readonly<Record<string, JsonSchema>>
}

/** What serving one route at one older version takes. Absent parts cost nothing. */
export interface VersionPlan {
  /** Migrates the request (body, query, headers) from the client's version up to head. */
  readonly requestUp?: (parts: RequestParts) => void
  /** Migrates a success response down; `status` may change. */
  readonly responseDown?: (parts: ResponseParts) => void
  /** Migrates an error problem down (field names, error format changes). */
  readonly errorDown?: (problem: ProblemParts) => void
}

/** One route compiled against the ledger: its mounts, and a plan per version index. */
export interface RoutePlan {
  readonly mounts: readonly Mount[]
  /** The plan of a version index; `undefined` when that version is served exactly as head. */
  plan(index: number): VersionPlan | undefined
  /** The shape of the request body or query at a version index, for validation. */
  requestSchema(
    part: 'body' | 'query',
    index: number,
  ): { root: JsonSchema; shapeOf: (name: string) => JsonSchema | undefined } | undefined
  /** The response schema of a status at a version index, for serializers and contracts. */
  responseSchema(
    status: string,
    index: number,
  ): { root: JsonSchema; shapeOf: (name: string) => JsonSchema | undefined } | undefined
}

type _Step = { index: number; migration: EndpointMigration }

/**
 * Compiles one route against the ledger: which versions reach it at which path, and for every
 * older version the request, response and error migrations, each generated once as plain code.
 *
 * @example
 * const plan = planRoute({ method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } }, versions)
 * plan.plan(0)?.responseDown?.(parts)
 */
export function planRoute(spec: RouteSpec, versions: readonly ApiVersion[]): RoutePlan {
  try {
    return _planRoute(spec, versions)
  } catch (error) {
    // Errors found while compiling name a schema position; the route makes them findable.
    if (error instanceof StrataError && !error.message.startsWith('Route ')) {
      throw new StrataError(error.code, `Route ${spec.method.toUpperCase()} ${spec.path}: ${error.message}`)
    }
    throw error
  }
}

function _planRoute(spec: RouteSpec, versions: readonly ApiVersion[]): RoutePlan {
  const method = spec.method.toUpperCase()
  const named = new Map<string, JsonSchema>()
  const root = (schema: JsonSchema | undefined, pseudo: string): string | undefined => {
    if (schema === undefined) return undefined
    const name = schemaNameOf(schema)
    if (name !== undefined) {
      normalizeSchema({ x: schema }, named)
      return name
    }
    named.set(pseudo, normalizeSchema(schema, named))
    return pseudo
  }
  const bodyName = root(spec.body, `${method} ${spec.path} #body`)
  const queryName = root(spec.query ?? { type: 'object', properties: {} }, querySchemaName(method, spec.path))
  const responseNames = new Map(
    Object.entries(spec.responses ?? {}).map(([status, s]) => [status, root(s, `${method} ${spec.path} #${status}`)!]),
  )
  const ledger = compileLedger(versions, named)
  const n = versions.length
  checkFollowedPositions(
    `${method} ${spec.path}`,
    named,
    versions.flatMap((_, i) => ledger.instructionsAt(i)),
  )
  const head = n - 1
  const { mounts, identityAt } = mountsOf({ ...spec, method }, ledger)

  const endpointSteps: _Step[] = []
  const statusSteps: { index: number; status: number; from: number }[] = []
  const errorSteps: { index: number; migrate: (p: ProblemParts) => void }[] = []
  for (let i = 1; i < n; i++) {
    for (const ins of ledger.instructionsAt(i) as Instruction[]) {
      if (ins.kind === 'error-migration') errorSteps.push({ index: i, migrate: ins.migrate })
      if (!('method' in ins) || !same(ins, identityAt(i))) continue
      if (ins.kind === 'endpoint-migration') endpointSteps.push({ index: i, migration: ins.migration })
      if (ins.kind === 'status-changed') statusSteps.push({ index: i, status: ins.status, from: ins.from })
    }
  }

  const fieldNames = (index: number): Map<string, string> | undefined => {
    if (bodyName === undefined) return undefined
    const down = ledger.converter(bodyName, head, index)
    if (down === undefined) return undefined
    const shape = ledger.shape(bodyName, head)
    const probe = Object.fromEntries(Object.keys((shape?.properties as object) ?? {}).map((k) => [k, `\u0000${k}`]))
    const moved = down(probe) as Record<string, unknown>
    const map = new Map<string, string>()
    for (const [k, v] of Object.entries(moved ?? {})) {
      if (typeof v === 'string' && v.startsWith('\u0000') && v.slice(1) !== k) map.set(v.slice(1), k)
    }
    return map.size > 0 ? map : undefined
  }

  const plans: (VersionPlan | undefined)[] = []
  for (let v = 0; v < head; v++) {
    const ups = endpointSteps.filter((s) => s.index > v && s.migration.request)
    const downs = endpointSteps.filter((s) => s.index > v && s.migration.response).reverse()
    const errs = [
      ...endpointSteps
        .filter((s) => s.index > v && s.migration.error)
        .map((s) => ({ index: s.index, migrate: s.migration.error! })),
      ...errorSteps.filter((s) => s.index > v),
    ].sort((a, b) => b.index - a.index)

    // Request: body and query in segments between custom endpoint migrations (oldest first).
    const upParts: ((p: RequestParts) => void)[] = []
    let at = v
    const upSegment = (to: number): void => {
      const body = bodyName === undefined ? undefined : ledger.converter(bodyName, at, to)
      const query = ledger.converter(queryName!, at, to)
      if (body)
        upParts.push((p) => {
          p.body = body(p.body)
        })
      if (query)
        upParts.push((p) => {
          p.query = query(p.query) as Record<string, unknown>
        })
      at = to
    }
    for (const s of ups) {
      upSegment(s.index - 1)
      upParts.push(s.migration.request!)
    }
    upSegment(head)

    // Response: per head status, down in segments between custom migrations (newest first).
    const statuses = statusSteps.filter((s) => s.index > v).reverse()
    const downParts: ((p: ResponseParts) => void)[] = []
    let from = head
    const downSegment = (to: number): void => {
      const converters = new Map<string, Converter>()
      for (const [status, name] of responseNames) {
        const c = ledger.converter(name, from, to)
        if (c) converters.set(status, c)
      }
      if (converters.size > 0) {
        const byStatus = new Map<number, Converter | undefined>()
        const pick = (status: number): Converter | undefined => {
          const text = String(status)
          const c = converters.get(text) ?? converters.get(`${text[0]}xx`) ?? converters.get('default')
          byStatus.set(status, c)
          return c
        }
        downParts.push((p) => {
          const c = byStatus.has(p.status) ? byStatus.get(p.status) : pick(p.status)
          if (c !== undefined) p.body = c(p.body)
        })
      }
      for (const s of statuses.filter((x) => x.index <= from && x.index > to)) {
        downParts.push((p) => {
          if (p.status === s.status) p.status = s.from
        })
      }
      from = to
    }
    for (const s of downs) {
      downSegment(s.index)
      downParts.push(s.migration.response!)
    }
    downSegment(v)

    const names = fieldNames(v)
    const errorParts: ((p: ProblemParts) => void)[] = []
    if (names) {
      errorParts.push((p) => {
        if (p.fields === undefined) return
        p.fields = p.fields.map((f) => {
          const [first, ...rest] = f.field.split('.')
          const renamed = names.get(first!)
          return renamed === undefined ? f : { ...f, field: [renamed, ...rest].join('.') }
        })
      })
    }
    for (const e of errs) errorParts.push(e.migrate)

    const chain = <P>(fns: ((p: P) => void)[]) =>
      fns.length === 0
        ? undefined
        : fns.length === 1
          ? fns[0]
          : (p: P) => {
              for (const fn of fns) fn(p)
            }
    const requestUp = chain(upParts)
    const responseDown = chain(downParts)
    const errorDown = chain(errorParts)
    plans.push(
      requestUp || responseDown || errorDown
        ? {
            ...(requestUp ? { requestUp } : {}),
            ...(responseDown ? { responseDown } : {}),
            ...(errorDown ? { errorDown } : {}),
          }
        : undefined,
    )
  }

  const schemaAt = (name: string | undefined, index: number) =>
    name === undefined ? undefined : { root: refTo(name), shapeOf: (s: string) => ledger.shape(s, index) }
  return {
    mounts,
    plan: (index) => plans[index],
    requestSchema: (part, index) => schemaAt(part === 'body' ? bodyName : queryName, index),
    responseSchema: (status, index) => schemaAt(responseNames.get(status), index),
  }
}

/**
 * The schema names a route makes known to the ledger: its named schemas (nested ones too) and
 * the pseudo-schema of its query parameters.
 *
 * @example
 * schemaNamesOf({ method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } }) // Set { 'Asset', 'GET /assets/:id ?query' }
 */
export function schemaNamesOf(spec: RouteSpec): Set<string> {
  const named = new Map<string, JsonSchema>()
  normalizeSchema({ body: spec.body ?? {}, query: spec.query ?? {}, responses: spec.responses ?? {} }, named)
  return new Set([...named.keys(), querySchemaName(spec.method, spec.path)])
}
