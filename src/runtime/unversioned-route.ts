import type { RuntimeRequest, RuntimeResponse } from './serve.ts'

/**
 * A route outside version negotiation (metrics, the usage report, portal pages): an exact method and
 * path, answered by a plain handler. It may throw an `HttpProblem`, rendered in the API's error format.
 */
export interface UnversionedRoute {
  readonly method: 'GET' | 'POST'
  /** An exact path, e.g. `/docs/usage.json`; the query string is ignored when matching. */
  readonly path: string
  handle(request: RuntimeRequest, principal: unknown): RuntimeResponse | Promise<RuntimeResponse>
}

/**
 * Declares an unversioned route; the runtime (`createRuntime({ unversioned })`) and the Fastify plugin
 * (`strata` with `unversioned`) serve it on every adapter.
 *
 * @example
 * const health = defineUnversionedRoute({ method: 'GET', path: '/health', handle: () => ({ status: 200, headers: {}, body: 'ok' }) })
 */
export const defineUnversionedRoute = (route: UnversionedRoute): UnversionedRoute => route

/** Looks up unversioned routes by method and path (HEAD finds GET). */
export function unversionedTable(
  routes: readonly UnversionedRoute[] | undefined,
): (method: string, path: string) => UnversionedRoute | undefined {
  if (routes === undefined || routes.length === 0) return () => undefined
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]))
  return (method, path) => byKey.get(`${method === 'HEAD' ? 'GET' : method} ${path}`)
}
