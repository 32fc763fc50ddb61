import type { Api } from '../api/index.ts'
import type { ApiVersion, VersionSet } from '../version/index.ts'
import type { UsageStore } from './store.ts'
import type { UsageRow } from './usage-row.ts'

/** One principal (or client) calling a version: how often, since when, and which endpoints. */
export interface UsageReportPrincipal {
  readonly principal: string
  readonly requests: number
  /** RFC 3339, minute precision: the start of the first minute it called in the period. */
  readonly first_seen: string
  /** RFC 3339, minute precision: the start of the last minute it called in the period. */
  readonly last_seen: string
  /** `METHOD /path/:template`, most called first. */
  readonly endpoints: readonly string[]
}

/** Requests in one time bucket. */
export interface UsageTrafficBucket {
  /** RFC 3339 start of the bucket. */
  readonly start: string
  readonly requests: number
}

/** One version of one scope in the period. */
export interface UsageReportVersion {
  /** The scope's name; `null` for the API-wide scope. */
  readonly scope: string | null
  /** The version id; `null` for requests whose version was never known (malformed, no route). */
  readonly version: string | null
  /** The phase at report time (`ga`, `deprecated`, `sunset`, ...); `null` when the API does not declare it. */
  readonly phase: string | null
  /** RFC 3339 deprecation date, `null` when none is declared. */
  readonly deprecated: string | null
  /** RFC 3339 sunset date, `null` when none is declared. */
  readonly sunset: string | null
  /** Whole days from report time to sunset (negative once past), `null` without a sunset. */
  readonly days_to_sunset: number | null
  readonly requests: number
  /** Requests per bucket over the period, every bucket listed (zeros included), oldest first. */
  readonly traffic: readonly UsageTrafficBucket[]
  /** Who called it, most requests first. */
  readonly principals: readonly UsageReportPrincipal[]
}

/** The usage report: `strata usage --format json` and `GET /docs/usage.json` print exactly this. */
export interface UsageReport {
  readonly generated_at: string
  readonly since: string
  readonly bucket: 'hour' | 'day'
  readonly versions: readonly UsageReportVersion[]
}

/** What a report covers. */
export interface UsageReportOptions {
  /** The API, for each version's phase, deprecation and sunset; without it those are `null`. */
  readonly api?: Api
  /** Report time; default now (the API's clock when `api` is given). */
  readonly now?: Date
  /** The period's start; default 30 days before `now`. */
  readonly since?: Date
  /** Traffic bucket; default `hour` for periods up to two days, else `day`. */
  readonly bucket?: 'hour' | 'day'
}

const DAY = 86_400_000
const HOUR = 3_600_000

const _iso = (d: Date | undefined): string | null => (d === undefined ? null : `${d.toISOString().slice(0, 19)}Z`)

interface _Principal {
  requests: number
  first: string
  last: string
  endpoints: Map<string, number>
}

interface _Version {
  scope: string
  version: string
  requests: number
  buckets: Map<number, number>
  principals: Map<string, _Principal>
}

/**
 * Builds the usage report from stored rows: every declared version of every scope (zero requests
 * included) plus any version only the rows know, with traffic per bucket and the principals calling it.
 *
 * @example
 * const report = buildUsageReport(await store.rowsSince(since), { api, since, now })
 */
export function buildUsageReport(rows: readonly UsageRow[], options: UsageReportOptions = {}): UsageReport {
  const now = options.now ?? options.api?.clock() ?? new Date()
  const since = options.since ?? new Date(now.getTime() - 30 * DAY)
  const bucket = options.bucket ?? (now.getTime() - since.getTime() <= 2 * DAY ? 'hour' : 'day')
  const size = bucket === 'hour' ? HOUR : DAY
  const first = Math.floor(since.getTime() / size) * size
  const byKey = new Map<string, _Version>()
  const entry = (scope: string, version: string): _Version => {
    const key = `${scope}\u0000${version}`
    let found = byKey.get(key)
    if (found === undefined) {
      found = { scope, version, requests: 0, buckets: new Map(), principals: new Map() }
      byKey.set(key, found)
    }
    return found
  }
  for (const [scope, set] of _scopes(options.api)) for (const v of set.versions) entry(scope, v.id)
  for (const row of rows) {
    const at = Date.parse(row.minute)
    if (at < since.getTime() || at > now.getTime()) continue
    const v = entry(row.scope, row.version)
    v.requests += row.requests
    const start = Math.floor(at / size) * size
    v.buckets.set(start, (v.buckets.get(start) ?? 0) + row.requests)
    let p = v.principals.get(row.client)
    if (p === undefined) {
      p = { requests: 0, first: row.minute, last: row.minute, endpoints: new Map() }
      v.principals.set(row.client, p)
    }
    p.requests += row.requests
    if (row.minute < p.first) p.first = row.minute
    if (row.minute > p.last) p.last = row.minute
    if (row.endpoint !== '') p.endpoints.set(row.endpoint, (p.endpoints.get(row.endpoint) ?? 0) + row.requests)
  }
  const versions = [...byKey.values()].sort(_order(options.api)).map((v) => _version(v, options.api, now, first, size))
  return { generated_at: _iso(now)!, since: _iso(since)!, bucket, versions }
}

/**
 * Reads a store and builds the report of the period from `since` to `now`.
 *
 * @example
 * const report = await usageReport(store, { api, since: new Date(Date.now() - 30 * 86_400_000) })
 */
export async function usageReport(store: UsageStore, options: UsageReportOptions = {}): Promise<UsageReport> {
  const now = options.now ?? options.api?.clock() ?? new Date()
  const since = options.since ?? new Date(now.getTime() - 30 * DAY)
  return buildUsageReport(await store.rowsSince(since), { ...options, now, since })
}

/**
 * The versions of a report still called although deprecated or with a sunset date: the ones whose
 * principals need telling (the notices and the portal's table read this).
 *
 * @example
 * for (const v of stillCalled(report)) console.log(v.version, v.principals.length)
 */
export const stillCalled = (report: UsageReport): UsageReportVersion[] =>
  report.versions.filter(
    (v) => v.requests > 0 && (v.phase === 'deprecated' || v.phase === 'sunset' || v.sunset !== null),
  )

function _scopes(api: Api | undefined): [string, VersionSet][] {
  if (api === undefined) return []
  return [['', api.versionsOf()], ...api.scopeNames.map((name): [string, VersionSet] => [name, api.versionsOf(name)])]
}

function _declared(
  api: Api | undefined,
  scope: string,
  id: string,
): { set: VersionSet; version: ApiVersion } | undefined {
  if (api === undefined || id === '') return undefined
  if (scope !== '' && !api.scopeNames.includes(scope)) return undefined
  const set = api.versionsOf(scope === '' ? undefined : scope)
  const version = set.find(id)
  return version === undefined ? undefined : { set, version }
}

function _order(api: Api | undefined): (a: _Version, b: _Version) => number {
  const rank = (v: _Version): number => {
    const found = _declared(api, v.scope, v.version)
    return found === undefined ? Number.MAX_SAFE_INTEGER : found.set.indexOf(found.version)
  }
  return (a, b) => a.scope.localeCompare(b.scope) || rank(a) - rank(b) || a.version.localeCompare(b.version)
}

function _version(v: _Version, api: Api | undefined, now: Date, first: number, size: number): UsageReportVersion {
  const found = _declared(api, v.scope, v.version)
  const sunset = found?.version.sunset
  const traffic: UsageTrafficBucket[] = []
  for (let start = first; start <= now.getTime(); start += size) {
    traffic.push({ start: _iso(new Date(start))!, requests: v.buckets.get(start) ?? 0 })
  }
  const principals = [...v.principals.entries()]
    .map(([principal, p]) => ({
      principal,
      requests: p.requests,
      first_seen: p.first,
      last_seen: p.last,
      endpoints: [...p.endpoints.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([e]) => e),
    }))
    .sort((a, b) => b.requests - a.requests || a.principal.localeCompare(b.principal))
  return {
    scope: v.scope === '' ? null : v.scope,
    version: v.version === '' ? null : v.version,
    phase: found === undefined ? null : found.set.phase(found.version, now),
    deprecated: _iso(found?.version.deprecated),
    sunset: _iso(sunset),
    days_to_sunset: sunset === undefined ? null : Math.ceil((sunset.getTime() - now.getTime()) / DAY),
    requests: v.requests,
    traffic,
    principals,
  }
}
