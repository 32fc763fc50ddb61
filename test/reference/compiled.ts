import type { JsonSchema, RequestParts, ResponseParts } from '../../src/change/instruction.ts'
import { planRoute } from '../../src/migrate/route-plan.ts'
import { createVersionValidators } from '../../src/runtime/validate.ts'
import type { ApiVersion } from '../../src/version/index.ts'

// The one place the reference tests reach the compiled engine: plans from src/migrate, request
// validation at the client's version from src/runtime. When either moves, re-point the imports here only.

type _Validate = (data: unknown) => boolean

/** One route of the compiled engine, seen the way the reference tests compare it. */
export interface CompiledRoute {
  /** A request body of version `from` as the handler (head) would receive it. */
  requestUp(from: number, body: unknown): unknown
  /** A head response body as a client at version `to` would receive it. */
  responseDown(to: number, body: unknown, status?: number): unknown
  /** Whether the request validation of version `at` (never head: Fastify validates head) accepts a body. */
  accepts(at: number, body: unknown): boolean
  /** What serving does with a body at version `at`: validate (which strips and fills defaults), then migrate. */
  serve(at: number, body: unknown): { accepted: boolean; body?: unknown }
}

/** JSON as it travels: `undefined` members vanish. */
export const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

/**
 * Compiles a POST route whose body and 200 response are `root`.
 *
 * @example
 * compileRoute(Asset.schema, versions).responseDown(0, { id: 1, title: 'pump' })
 */
export function compileRoute(root: JsonSchema, versions: readonly ApiVersion[]): CompiledRoute {
  const plan = planRoute({ method: 'POST', path: '/reference', body: root, responses: { 200: root } }, versions)
  const validators = createVersionValidators()
  const compiled = new Map<number, _Validate>()
  const validatorAt = (at: number): _Validate => {
    let v = compiled.get(at)
    if (v === undefined) {
      const schema = plan.requestSchema('body', at)
      if (schema === undefined) throw new Error(`compiled engine has no request schema at version index ${at}`)
      v = validators.body(schema, false)
      compiled.set(at, v)
    }
    return v
  }
  const up = (from: number, body: unknown): unknown => {
    const parts: RequestParts = { body: structuredClone(body), query: {}, headers: {} }
    plan.plan(from)?.requestUp?.(parts)
    return asJson(parts.body)
  }
  return {
    requestUp: up,
    responseDown(to, body, status = 200) {
      const parts: ResponseParts = { body: structuredClone(body), status, headers: {} }
      plan.plan(to)?.responseDown?.(parts)
      return asJson(parts.body)
    },
    accepts: (at, body) => validatorAt(at)(structuredClone(body)) === true,
    serve(at, body) {
      const copy = structuredClone(body)
      if (validatorAt(at)(copy) !== true) return { accepted: false }
      return { accepted: true, body: up(at, copy) }
    },
  }
}
