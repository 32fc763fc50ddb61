import { Counter, Gauge, Registry } from 'prom-client'
import type { Api } from '../api/index.ts'
import type { ExchangeRecord, UnversionedRoute } from '../runtime/index.ts'

/** Prometheus metrics of an API's versions: an exchange observer and the route that exposes them. */
export interface UsageMetrics {
  readonly registry: Registry
  readonly record: (exchange: ExchangeRecord) => void
  /** `GET <path>` in the Prometheus text format. */
  readonly route: UnversionedRoute
}

interface _Series {
  readonly scope: string
  readonly version: string
  readonly deprecated: boolean
  readonly sunset: string
  readonly statusClass: string
  count: number
}

const API_SCOPE = '(api)'
const UNKNOWN = '(unknown)'
const REFRESH_MS = 60_000
// Scopes and versions come from the API's definition; the cap only guards against a bug feeding others.
const MAX_SERIES = 5_000

/**
 * Creates the version metrics, in the spirit of Kubernetes' `apiserver_requested_deprecated_apis`:
 * `strata_requests_total{scope,version,deprecated,status_class}` and the gauge
 * `strata_requested_deprecated_versions{scope,version,sunset}` (1 once a deprecated version was
 * requested). Labels hold only declared scopes and versions (anything else is `(unknown)`), so
 * cardinality is bounded by the API's definition, never by what clients send. Counting is a map
 * lookup per request; prom-client reads the counts when scraped.
 *
 * @example
 * const metrics = createUsageMetrics(api, { path: '/metrics' })
 * createRuntime({ api, routes, onExchange: metrics.record, unversioned: [metrics.route] })
 */
export function createUsageMetrics(api: Api, options: { path?: string; registry?: Registry } = {}): UsageMetrics {
  const registry = options.registry ?? new Registry()
  const known = new Set(['', ...api.scopeNames])
  let series = new Map<string, _Series>()
  let refreshed = Date.now()
  const seriesOf = (scope: string, version: string | undefined, status: number): _Series => {
    const set = known.has(scope) ? api.versionsOf(scope === '' ? undefined : scope) : undefined
    const declared = version === undefined ? undefined : set?.find(version)
    const phase = declared === undefined ? undefined : set?.phase(declared, api.clock())
    return {
      scope: scope === '' ? API_SCOPE : set === undefined ? UNKNOWN : scope,
      version: declared?.id ?? UNKNOWN,
      deprecated: phase === 'deprecated' || phase === 'sunset',
      sunset: declared?.sunset?.toISOString().slice(0, 10) ?? '',
      statusClass: `${Math.min(Math.max(Math.floor(status / 100), 1), 5)}xx`,
      count: 0,
    }
  }
  const all = (): _Series[] => [...series.values()]
  new Counter({
    name: 'strata_requests_total',
    help: 'Requests per version scope, version, whether the version is deprecated, and status class.',
    labelNames: ['scope', 'version', 'deprecated', 'status_class'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const s of all()) {
        this.inc(
          { scope: s.scope, version: s.version, deprecated: String(s.deprecated), status_class: s.statusClass },
          s.count,
        )
      }
    },
  })
  new Gauge({
    name: 'strata_requested_deprecated_versions',
    help: 'Deprecated API versions requested since start (1), with their sunset date.',
    labelNames: ['scope', 'version', 'sunset'] as const,
    registers: [registry],
    collect() {
      this.reset()
      for (const s of all()) if (s.deprecated) this.set({ scope: s.scope, version: s.version, sunset: s.sunset }, 1)
    },
  })
  return {
    registry,
    record(exchange) {
      // A version's phase changes with time: series are re-keyed once a minute, their counts carried over.
      if (Date.now() - refreshed > REFRESH_MS) {
        refreshed = Date.now()
        const old = series
        series = new Map()
        for (const [key, s] of old)
          series.set(key, {
            ...seriesOf(s.scope === API_SCOPE ? '' : s.scope, s.version, Number(s.statusClass[0]) * 100),
            count: s.count,
          })
      }
      const scope = exchange.scope ?? ''
      const key = `${scope}\u0000${exchange.version}\u0000${exchange.status}`
      let found = series.get(key)
      if (found === undefined) {
        found = seriesOf(
          series.size < MAX_SERIES ? scope : '\u0000',
          series.size < MAX_SERIES ? exchange.version : undefined,
          exchange.status,
        )
        series.set(key, found)
      }
      found.count++
    },
    route: {
      method: 'GET',
      path: options.path ?? '/metrics',
      async handle() {
        return { status: 200, headers: { 'content-type': registry.contentType }, body: await registry.metrics() }
      },
    },
  }
}
