import { Counter, Gauge, Registry } from 'prom-client'
import type { Api } from '../api/index.ts'
import type { ExchangeRecord, UnversionedRoute } from '../runtime/index.ts'
import { statusClassOf } from './usage-row.ts'

/** Prometheus metrics of an API's versions: an exchange observer and the route that exposes them. */
export interface UsageMetrics {
  readonly registry: Registry
  readonly record: (exchange: ExchangeRecord) => void
  /** `GET <path>` in the Prometheus text format. */
  readonly route: UnversionedRoute
}

interface _Lifecycle {
  readonly version: string
  readonly deprecated: boolean
  readonly sunset: string
}

const API_SCOPE = '(api)'
const UNKNOWN = '(unknown)'
const REFRESH_MS = 60_000

/**
 * Creates the version metrics, in the spirit of Kubernetes' `apiserver_requested_deprecated_apis`:
 * `strata_requests_total{scope,version,deprecated,status_class}` and the gauge
 * `strata_requested_deprecated_versions{scope,version,sunset}` (1 once a deprecated version was
 * requested). Labels hold only declared scopes and versions (anything else is `(unknown)`), so
 * cardinality is bounded by the API's definition, never by what clients send.
 *
 * @example
 * const metrics = createUsageMetrics(api, { path: '/metrics' })
 * createRuntime({ api, routes, onExchange: metrics.record, unversioned: [metrics.route] })
 */
export function createUsageMetrics(api: Api, options: { path?: string; registry?: Registry } = {}): UsageMetrics {
  const registry = options.registry ?? new Registry()
  const requests = new Counter({
    name: 'strata_requests_total',
    help: 'Requests per version scope, version, whether the version is deprecated, and status class.',
    labelNames: ['scope', 'version', 'deprecated', 'status_class'] as const,
    registers: [registry],
  })
  const deprecated = new Gauge({
    name: 'strata_requested_deprecated_versions',
    help: 'Deprecated API versions requested since start (1), with their sunset date.',
    labelNames: ['scope', 'version', 'sunset'] as const,
    registers: [registry],
  })
  const known = new Set(['', ...api.scopeNames])
  let lifecycles = new Map<string, _Lifecycle>()
  let refreshed = 0
  const lifecycleOf = (scope: string, version: string | undefined): _Lifecycle => {
    const now = api.clock()
    // A version's phase changes with time: the lookups are recomputed once a minute.
    if (now.getTime() - refreshed > REFRESH_MS) {
      lifecycles = new Map()
      refreshed = now.getTime()
    }
    const key = `${scope}\u0000${version ?? ''}`
    let found = lifecycles.get(key)
    if (found === undefined) {
      const set = known.has(scope) ? api.versionsOf(scope === '' ? undefined : scope) : undefined
      const declared = version === undefined ? undefined : set?.find(version)
      const phase = declared === undefined ? undefined : set?.phase(declared, now)
      found = {
        version: declared?.id ?? UNKNOWN,
        deprecated: phase === 'deprecated' || phase === 'sunset',
        sunset: declared?.sunset?.toISOString().slice(0, 10) ?? '',
      }
      lifecycles.set(key, found)
    }
    return found
  }
  const children = new Map<string, ReturnType<typeof requests.labels>>()
  return {
    registry,
    record(exchange) {
      const scope = exchange.scope ?? ''
      const life = lifecycleOf(scope, exchange.version)
      const scopeLabel = scope === '' ? API_SCOPE : known.has(scope) ? scope : UNKNOWN
      const statusClass = statusClassOf(exchange.status)
      const key = `${scopeLabel}\u0000${life.version}\u0000${life.deprecated}\u0000${statusClass}`
      let child = children.get(key)
      if (child === undefined) {
        child = requests.labels(scopeLabel, life.version, String(life.deprecated), statusClass)
        children.set(key, child)
        if (life.deprecated) deprecated.labels(scopeLabel, life.version, life.sunset).set(1)
      }
      child.inc()
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
