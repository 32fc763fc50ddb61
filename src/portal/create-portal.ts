import { StrataError } from '../error/index.ts'
import { splitUrl } from '../negotiate/index.ts'
import type { Contract, ContractSource } from '../openapi/contract/index.ts'
import type { Policy } from '../openapi/policy/index.ts'
import type { PageRequest, PageSet } from '../runtime/page-set.ts'
import type { RuntimeResponse } from '../runtime/serve.ts'
import { type AdminCheck, isAdmin } from './admin-check.ts'
import { changelogBody } from './changelog-page.ts'
import { overviewBody } from './overview-page.ts'
import { type LayoutInput, pageLayout } from './page-layout.ts'
import { media, pageAnswer, pageProblem } from './page-response.ts'
import { PORTAL_CSS, REFERENCE_JS, redocBundle, redocFile } from './portal-assets.ts'
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

/** One request as the page handlers see it. */
interface _Visit {
  readonly request: PageRequest
  readonly rest: string
  readonly now: Date
  readonly title: string
  contracts(): Promise<Contract[]>
  page(current: LayoutInput['current'], heading: string, body: LayoutInput['body'], scripts?: string[]): RuntimeResponse
  notFound(message?: string, suggestion?: string): RuntimeResponse
}

const ASSETS: Readonly<Record<string, [string, () => string]>> = {
  '/assets/portal.css': [media.css, () => PORTAL_CSS],
  '/assets/reference.js': [media.js, () => REFERENCE_JS],
  '/assets/redoc.standalone.js': [media.js, redocBundle],
}
const CACHEABLE = { 'cache-control': 'public, max-age=3600' }
const NO_STORE = { 'cache-control': 'no-store' }

/**
 * Creates the developer portal: version timelines, per-version API reference (Redoc, served from
 * `node_modules`), changelog and an admin-only usage page, all under `/docs`. Mount it with the
 * runtime's `pages` option or `strata/fastify`'s `pages` plugin.
 *
 * @example
 * const portal = createPortal({ usage: () => usageReport(db) })
 * createStrataServer({ api, routes, pages: portal })
 */
export function createPortal(options: PortalOptions = {}): Portal {
  const base = _base(options.base)
  const fixedNow = options.now ?? _pinnedClock()
  const admin: AdminCheck = { principal: options.admin, token: options.adminToken ?? process.env.STRATA_ADMIN_TOKEN }
  redocFile() // fails at start-up, not on the first page view, when Redoc is missing
  const contractsAt = _contractCache()

  function visit(request: PageRequest, rest: string): _Visit {
    const { source } = request
    const now = (fixedNow ?? source.api.clock)()
    const title = options.title ?? source.title ?? 'API'
    return {
      request,
      rest,
      now,
      title,
      contracts: () => contractsAt(source, now),
      page: (current, heading, body, scripts) =>
        pageAnswer(
          request,
          media.html,
          pageLayout({ base, title, heading, current, body, ...(scripts ? { scripts } : {}) }),
          current === 'usage' ? NO_STORE : {},
        ),
      notFound: (message = `No page at ${base}${rest}`, suggestion) =>
        pageProblem(request, { status: 404, code: 'NOT_FOUND', message, ...(suggestion ? { suggestion } : {}) }),
    }
  }

  async function overview(v: _Visit): Promise<RuntimeResponse> {
    const published = new Set((await v.contracts()).map((c) => `${scopeSlug(c.scope)}/${c.label}`))
    return v.page('overview', 'Versions', overviewBody(base, describeScopes(v.request.source, v.now), v.now, published))
  }

  async function versionPage(v: _Visit): Promise<RuntimeResponse> {
    const [kind, slug, file, ...extra] = v.rest.split('/').slice(1)
    if (slug === undefined || file === undefined || extra.length > 0) return v.notFound()
    const scope = scopeOfSlug(v.request.source.api, slug)
    const label = kind === 'contracts' ? (file.endsWith('.json') ? _decode(file.slice(0, -5)) : null) : _decode(file)
    if (scope === null || label === null) return v.notFound()
    const siblings = (await v.contracts()).filter((c) => c.scope === scope)
    const contract = siblings.find((c) => c.label === label)
    if (contract === undefined) {
      const published = siblings.map((c) => c.label).join(', ') || 'none'
      return v.notFound(`Version ${label} of ${scope ?? 'the API'} is not published`, `Published: ${published}`)
    }
    if (kind === 'contracts') return pageAnswer(v.request, media.json, JSON.stringify(contract.document, null, 2))
    return v.page('reference', `${scope ?? v.title} ${contract.label}`, referenceBody(base, contract, siblings), [
      'redoc.standalone.js',
      'reference.js',
    ])
  }

  async function usage(v: _Visit): Promise<RuntimeResponse> {
    if (!(await isAdmin(admin, v.request))) {
      return pageProblem(v.request, {
        status: 403,
        code: 'FORBIDDEN',
        message: 'The usage report is for administrators only',
        suggestion:
          admin.principal !== undefined
            ? 'Authenticate as an administrator'
            : 'Send the admin token as Authorization: Bearer <STRATA_ADMIN_TOKEN>',
      })
    }
    if (options.usage === undefined) return v.notFound('Usage recording is not configured for this API')
    const report = await options.usage()
    if (v.rest === '/usage.json') return pageAnswer(v.request, media.json, JSON.stringify(report), NO_STORE)
    return v.page('usage', 'Usage', usageBody(report, v.now, base))
  }

  async function route(v: _Visit): Promise<RuntimeResponse> {
    const { rest, request } = v
    const asset = ASSETS[rest]
    if (asset !== undefined) return pageAnswer(request, asset[0], asset[1](), CACHEABLE)
    if (rest === '' || rest === '/') return overview(v)
    if (rest === '/changelog') {
      const { buildChangelog } = await _contractModule()
      const entries = buildChangelog(request.source, {
        now: v.now,
        ...(options.policy ? { policy: options.policy } : {}),
      })
      return v.page('changelog', 'Changelog', changelogBody(entries))
    }
    if (rest === '/reference') return v.page('reference', 'API reference', referenceIndex(base, await v.contracts()))
    if (rest.startsWith('/reference/') || rest.startsWith('/contracts/')) return versionPage(v)
    if (rest === '/usage' || rest === '/usage.json') return usage(v)
    return v.notFound()
  }

  return {
    base,
    matches: (path) => path === base || path.startsWith(`${base}/`),
    async serve(request) {
      const path = splitUrl(request.url).path
      if (request.method === 'GET' || request.method === 'HEAD') return route(visit(request, path.slice(base.length)))
      const refused = pageProblem(request, {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: `${request.method} is not allowed on ${path}`,
        suggestion: 'Use one of GET, HEAD',
      })
      return { ...refused, headers: { ...refused.headers, allow: 'GET, HEAD' } }
    },
  }
}

// Imported on first use: an API starts without the contract generator and the checker behind the changelog.
const _contractModule = () => import('../openapi/contract/index.ts')

/** Contracts per minute of the clock and route table: generating them per page view would be wasted work. */
function _contractCache(): (source: ContractSource, now: Date) => Promise<Contract[]> {
  let cached: { key: number; routes: unknown; contracts: Contract[] } | undefined
  return async (source, now) => {
    const key = Math.floor(now.getTime() / 60_000)
    if (cached?.key !== key || cached.routes !== source.routes) {
      const { generateContracts } = await _contractModule()
      cached = { key, routes: source.routes, contracts: generateContracts(source, { now }) }
    }
    return cached.contracts
  }
}

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

function _decode(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
