import type { Kysely } from 'kysely'
import type { Api } from '../api/index.ts'
import type { ExchangeObserver, UnversionedRoute } from '../runtime/index.ts'
import { createUsageMetrics, type UsageMetrics } from './metrics.ts'
import { openUsageStore, type UsageDatabaseOptions } from './open-store.ts'
import { createUsageRecorder, type UsageRecorder, type UsageRecorderOptions } from './recorder.ts'
import { type UsageReport, type UsageReportOptions, usageReport } from './report.ts'
import { sqlUsageStore, type UsageStore } from './store.ts'
import { type UsageRoutesOptions, usageJsonRoute } from './usage-routes.ts'

/** Everything usage needs: the API, where to keep counts, and who may read the report. */
export interface UsageOptions
  extends Omit<UsageRecorderOptions, 'store'>,
    UsageDatabaseOptions,
    Pick<UsageRoutesOptions, 'isAdmin' | 'adminToken'> {
  readonly api: Api
  /** A kysely database the API already has (SQLite or PostgreSQL); used instead of `dataDir` / `databaseUrl`. */
  // biome-ignore lint/suspicious/noExplicitAny: any database type; usage only adds its own table.
  readonly database?: Kysely<any>
  /** Where Prometheus scrapes (default `/metrics`); `false` for no metrics. */
  readonly metricsPath?: string | false
  /** Where admins read the report (default `/docs/usage.json`). */
  readonly reportPath?: string
}

/** Usage recording, metrics and the report of one API, wired for any adapter. */
export interface Usage {
  /** Pass as `onExchange` (runtime or Fastify plugin): the recorder, and the metrics when on. */
  readonly observers: readonly ExchangeObserver[]
  /** Pass as `unversioned`: `/docs/usage.json`, and the metrics path when on. */
  readonly routes: readonly UnversionedRoute[]
  readonly recorder: UsageRecorder
  readonly metrics: UsageMetrics | undefined
  readonly store: UsageStore
  /** The report now, counts not yet written included. */
  report(options?: Omit<UsageReportOptions, 'api'>): Promise<UsageReport>
  /** Writes what is counted and closes the store: call it on SIGTERM (or in the app's close). */
  close(): Promise<void>
}

/**
 * Sets up usage for an API in one call: counts kept in SQLite under `dataDir` (or PostgreSQL, or the
 * API's own kysely database), time read from the API's clock, metrics and the admin report mounted as
 * unversioned routes.
 *
 * @example
 * const usage = await createUsage({ api, dataDir })
 * const runtime = createRuntime({ api, routes, onExchange: usage.observers, unversioned: usage.routes })
 * process.on('SIGTERM', () => usage.close())
 */
export async function createUsage(options: UsageOptions): Promise<Usage> {
  const { api } = options
  const store = options.database !== undefined ? sqlUsageStore(options.database) : await openUsageStore(options)
  await store.createTable()
  const recorder = createUsageRecorder({ ...options, store, clock: options.clock ?? api.clock })
  const metrics =
    options.metricsPath === false ? undefined : createUsageMetrics(api, { path: options.metricsPath ?? '/metrics' })
  const report = usageJsonRoute({
    api,
    store,
    flush: recorder.flush,
    ...(options.isAdmin !== undefined ? { isAdmin: options.isAdmin } : {}),
    ...(options.adminToken !== undefined ? { adminToken: options.adminToken } : {}),
    ...(options.reportPath !== undefined ? { path: options.reportPath } : {}),
  })
  return {
    observers: metrics === undefined ? [recorder.record] : [recorder.record, metrics.record],
    routes: metrics === undefined ? [report] : [report, metrics.route],
    recorder,
    metrics,
    store,
    async report(reportOptions = {}) {
      await recorder.flush()
      return usageReport(store, { ...reportOptions, api })
    },
    close: () => recorder.close(),
  }
}
