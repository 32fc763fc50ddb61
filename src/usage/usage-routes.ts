import { timingSafeEqual } from 'node:crypto'
import type { Api } from '../api/index.ts'
import { HttpProblem } from '../conventions/error/index.ts'
import type { RuntimeRequest, UnversionedRoute } from '../runtime/index.ts'
import { parseDuration } from './duration.ts'
import { usageReport } from './report.ts'
import type { UsageStore } from './store.ts'

/** Who may read the usage report: an admin principal, or the bearer token of `STRATA_ADMIN_TOKEN`. */
export interface UsageRoutesOptions {
  readonly api: Api
  readonly store: UsageStore
  /** Written before each report, so it includes the latest requests. */
  readonly flush?: () => Promise<void>
  /**
   * Whether the caller is an admin, for APIs with auth (e.g. a principal check). When absent, the caller
   * must send `Authorization: Bearer <adminToken>`.
   */
  readonly isAdmin?: (principal: unknown, request: RuntimeRequest) => boolean
  /** Default `process.env.STRATA_ADMIN_TOKEN`; with neither set, nobody reads the report. */
  readonly adminToken?: string | undefined
  /** Default `/docs/usage.json`. */
  readonly path?: string
}

const _bearer = (request: RuntimeRequest): string | undefined => {
  const header = request.headers.authorization
  const value = Array.isArray(header) ? header[0] : header
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value)
  return match?.[1]
}

const _same = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The usage report as a route, `GET /docs/usage.json` (`?since=30d`, default 30 days): the JSON of
 * `strata usage --format json`, to an admin only; anyone else gets 403 `FORBIDDEN` in the API's format.
 *
 * @example
 * createRuntime({ api, routes, unversioned: [usageJsonRoute({ api, store })] })
 */
export function usageJsonRoute(options: UsageRoutesOptions): UnversionedRoute {
  const token = options.adminToken ?? process.env.STRATA_ADMIN_TOKEN
  const allowed = (principal: unknown, request: RuntimeRequest): boolean => {
    if (options.isAdmin !== undefined) return options.isAdmin(principal, request)
    const sent = _bearer(request)
    return token !== undefined && token !== '' && sent !== undefined && _same(sent, token)
  }
  return {
    method: 'GET',
    path: options.path ?? '/docs/usage.json',
    async handle(request, principal) {
      if (!allowed(principal, request)) {
        throw new HttpProblem({
          status: 403,
          code: 'FORBIDDEN',
          message: 'The usage report is for administrators',
          suggestion:
            options.isAdmin === undefined
              ? 'Send Authorization: Bearer <the STRATA_ADMIN_TOKEN of the server>'
              : 'Call with an administrator principal',
        })
      }
      const since = new URL(request.url, 'http://x').searchParams.get('since') ?? '30d'
      const period = parseDuration(since)
      if (period === undefined) {
        throw new HttpProblem({
          status: 400,
          code: 'INVALID_REQUEST',
          message: `since must be a period such as 30d, 12h or 2w, got '${since.slice(0, 40)}'`,
        })
      }
      await options.flush?.()
      const now = options.api.clock()
      const report = await usageReport(options.store, {
        api: options.api,
        now,
        since: new Date(now.getTime() - period),
      })
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: request.method === 'HEAD' ? undefined : JSON.stringify(report),
      }
    },
  }
}
