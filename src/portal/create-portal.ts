import { HttpProblem } from '../conventions/error/index.ts'
import { StrataError } from '../error/index.ts'
import { splitUrl } from '../negotiate/index.ts'
import { buildChangelog, type Contract, type ContractSource, generateContracts } from '../openapi/contract/index.ts'
import type { Policy } from '../openapi/policy/index.ts'
import type { PageRequest, PageSet } from '../runtime/page-set.ts'
import { renderProblem } from '../runtime/render-problem.ts'
import type { RuntimeResponse } from '../runtime/serve.ts'
import { type AdminCheck, isAdmin } from './admin-check.ts'
import { changelogBody } from './changelog-page.ts'
import type { html } from './html.ts'
import { overviewBody } from './overview-page.ts'
import { PORTAL_CSP, pageLayout } from './page-layout.ts'
import { PORTAL_CSS, REFERENCE_JS, redocBundle } from './portal-assets.ts'
import { referenceBody, referenceIndex } from './reference-page.ts'
import { usageBody } from './usage-page.ts'
import type { UsageReport } from './usage-report.ts'
import { describeScopes, scopeOfSlug, scopeSlug } from './version-overview.ts'

/** Options of {@link createPortal}. */
export interface PortalOptions {
  /** Where the pages live; default `/docs`. */
  readonly base?: string
  /** The API's name in page titles; default the contract title, else `API`. */
  readonly title?: string
  /** The clock the timeline and phases are read at; default `STRATA_NOW` when set, else the API's clock. */
  readonly now?: () => Date
  /** Whether an authenticated principal is an administrator (APIs with authentication). */
  readonly admin?: (principal: unknown) => boolean | Promise<boolean>
  /** The bearer token that opens the usage page; default `STRATA_ADMIN_TOKEN`. */
  readonly adminToken?: string
  /** The usage report the usage page and `usage.json` show. */
  readonly usage?: () => Promise<UsageReport>
  /** The compatibility policy the changelog's findings are classified by (default: the checker's). */
  readonly policy?: Policy
}

/** The developer portal: a page set every adapter serves. */
export interface Portal extends PageSet {}

const HTML = 'text/html; charset=utf-8'

function _pinnedClock(): (() => Date) | undefined {
  const pinned = process.env.STRATA_NOW
  if (pinned === undefined || pinned === '') return undefined
  const at = new Date(pinned)
  if (Number.isNaN(at.getTime())) {
    throw new StrataError(
      'STRATA_ERR_PORTAL_INVALID_OPTION',
      `STRATA_NOW must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z, got '${pinned}'.`,
    )
  }
  return () => at
}

function _base(base: string | undefined): string {
  const value = base ?? '/docs'
  if (!/^\/[A-Za-z0-9._~\-/]*[^/]$/.test(value)) {
    throw new StrataError(
      'STRATA_ERR_PORTAL_INVALID_OPTION',
      `The portal's base path must start with '/' and not end with one (e.g. '/docs'), got '${value}'.`,
    )
  }
  return value
}

/**
 * Creates the developer portal: version timelines, per-version API reference (Redoc, served from
 * `node_modules`), changelog and an admin-only usage page, all under `/docs`. Mount it with the
 * runtime's `pages` option or `strata/fastify`'s `portal` plugin.
 *
 * @example
 * const portal = createPortal({ usage: () => usageReport(db) })
 * createStrataServer({ api, routes, pages: portal })
 */
export function createPortal(options: PortalOptions = {}): Portal {
  const base = _base(options.base)
  const fixedNow = options.now ?? _pinnedClock()
  const admin: AdminCheck = { principal: options.admin, token: options.adminToken ?? process.env.STRATA_ADMIN_TOKEN }
  redocBundle() // fails at start-up, not on the first page view, when Redoc is missing
  let cached: { key: string; routes: unknown; contracts: Contract[] } | undefined

  const contractsAt = (source: ContractSource, now: Date): Contract[] => {
    const key = String(Math.floor(now.getTime() / 60_000))
    if (cached?.key !== key || cached.routes !== source.routes) {
      cached = { key, routes: source.routes, contracts: generateContracts(source, { now }) }
    }
    return cached.contracts
  }

  function problem(request: PageRequest, init: ConstructorParameters<typeof HttpProblem>[0]): RuntimeResponse {
    const out = renderProblem(request.source.api, new HttpProblem(init), {
      accept: _one(request.headers.accept),
      path: splitUrl(request.url).path,
      ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
    })
    const body = request.method === 'HEAD' ? undefined : JSON.stringify(out.body)
    return { status: out.status, headers: { ...out.headers, 'content-type': out.contentType }, body }
  }

  const answer = (request: PageRequest, type: string, body: string, extra: Record<string, string> = {}) => ({
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': PORTAL_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...extra,
    },
    body: request.method === 'HEAD' ? undefined : body,
  })

  async function route(request: PageRequest, rest: string): Promise<RuntimeResponse> {
    const { source } = request
    const now = (fixedNow ?? source.api.clock)()
    const title = options.title ?? source.title ?? 'API'
    const page = (
      current: Parameters<typeof pageLayout>[0]['current'],
      heading: string,
      body: ReturnType<typeof html>,
      scripts?: string[],
    ) => answer(request, HTML, pageLayout({ base, title, heading, current, body, ...(scripts ? { scripts } : {}) }))
    const notFound = () => problem(request, { status: 404, code: 'NOT_FOUND', message: `No page at ${base}${rest}` })
    const segments = rest.split('/').slice(1)

    if (rest === '' || rest === '/') {
      const contracts = contractsAt(source, now)
      const published = new Set(contracts.map((c) => `${scopeSlug(c.scope)}/${c.label}`))
      return page('overview', 'Versions', overviewBody(base, describeScopes(source, now), now, published))
    }
    if (rest === '/assets/portal.css') return answer(request, 'text/css; charset=utf-8', PORTAL_CSS, _cacheable)
    if (rest === '/assets/reference.js')
      return answer(request, 'text/javascript; charset=utf-8', REFERENCE_JS, _cacheable)
    if (rest === '/assets/redoc.standalone.js') {
      return answer(request, 'text/javascript; charset=utf-8', redocBundle(), _cacheable)
    }
    if (rest === '/changelog') {
      const entries = buildChangelog(source, { now, ...(options.policy ? { policy: options.policy } : {}) })
      return page('changelog', 'Changelog', changelogBody(entries))
    }
    if (rest === '/reference') return page('reference', 'API reference', referenceIndex(base, contractsAt(source, now)))
    if (segments[0] === 'reference' || segments[0] === 'contracts') {
      const [kind, slug, file] = segments
      if (slug === undefined || file === undefined || segments.length !== 3) return notFound()
      const scope = scopeOfSlug(source.api, slug)
      const label = kind === 'contracts' ? (file.endsWith('.json') ? _decode(file.slice(0, -5)) : null) : _decode(file)
      if (scope === null || label === null) return notFound()
      const siblings = contractsAt(source, now).filter((c) => c.scope === scope)
      const contract = siblings.find((c) => c.label === label)
      if (contract === undefined) {
        return problem(request, {
          status: 404,
          code: 'NOT_FOUND',
          message: `Version ${label} of ${scope ?? 'the API'} is not published`,
          suggestion: `Published: ${siblings.map((c) => c.label).join(', ') || 'none'}`,
        })
      }
      if (kind === 'contracts')
        return answer(request, 'application/json; charset=utf-8', JSON.stringify(contract.document, null, 2))
      return page('reference', `${scope ?? title} ${contract.label}`, referenceBody(base, contract, siblings), [
        'redoc.standalone.js',
        'reference.js',
      ])
    }
    if (rest === '/usage' || rest === '/usage.json') {
      if (!(await isAdmin(admin, request))) {
        return problem(request, {
          status: 403,
          code: 'FORBIDDEN',
          message: 'The usage report is for administrators only',
          suggestion:
            admin.principal !== undefined
              ? 'Authenticate as an administrator'
              : 'Send the admin token as Authorization: Bearer <STRATA_ADMIN_TOKEN>',
        })
      }
      if (options.usage === undefined) {
        return problem(request, {
          status: 404,
          code: 'NOT_FOUND',
          message: 'Usage recording is not configured for this API',
        })
      }
      const report = await options.usage()
      const noStore = { 'cache-control': 'no-store' }
      if (rest === '/usage.json')
        return answer(request, 'application/json; charset=utf-8', JSON.stringify(report), noStore)
      return answer(
        request,
        HTML,
        pageLayout({ base, title, heading: 'Usage', current: 'usage', body: usageBody(report, now, base) }),
        noStore,
      )
    }
    return notFound()
  }

  return {
    base,
    matches: (path) => path === base || path.startsWith(`${base}/`),
    async serve(request) {
      const path = splitUrl(request.url).path
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const refused = problem(request, {
          status: 405,
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not allowed on ${path}`,
          suggestion: 'Use one of GET, HEAD',
        })
        return { ...refused, headers: { ...refused.headers, allow: 'GET, HEAD' } }
      }
      return route(request, path.slice(base.length))
    },
  }
}

const _cacheable = { 'cache-control': 'public, max-age=3600' }

const _one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

function _decode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
