import { StrataError } from '../error/index.ts'
import type { ExchangeRecord } from '../runtime/index.ts'
import { type ClientIdentifier, defaultClientId, principalName } from './client-id.ts'
import type { UsageStore } from './store.ts'
import { minuteOf, OVERFLOW, statusClassOf, type UsageRow } from './usage-row.ts'

/** How a recorder aggregates and writes. */
export interface UsageRecorderOptions {
  readonly store: UsageStore
  /** Names the client where the exchange has no principal (default `defaultClientId`). */
  readonly client?: ClientIdentifier
  /** The most distinct keys held between flushes (default 10 000); further keys count in overflow rows. */
  readonly maxKeys?: number
  /** How often counts are written (default 10 s). */
  readonly flushIntervalMs?: number
  /** Rows older than this many days are deleted (default 400). */
  readonly retentionDays?: number
  /** Default the system clock. */
  readonly clock?: () => Date
  /** Told of a failed write; the counts are kept and written with the next flush. */
  readonly onError?: (error: unknown) => void
}

/** Counts exchanges per minute in memory and writes them to a store in batches, off the request path. */
export interface UsageRecorder {
  /** The exchange observer: pass it as `onExchange` to the runtime or the Fastify plugin. */
  readonly record: (exchange: ExchangeRecord) => void
  /** Writes what is counted so far; resolves once it is stored. */
  flush(): Promise<void>
  /** Deletes rows past the retention; resolves with how many. */
  purge(): Promise<number>
  /** Stops the timer, writes what is left, closes the store. Call it on SIGTERM. */
  close(): Promise<void>
  /** Distinct keys held now (for tests and metrics). */
  readonly size: number
}

const DAY = 86_400_000

function _positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value <= 0) {
    throw new StrataError(
      'STRATA_ERR_USAGE_INVALID_OPTION',
      `Usage option ${name} must be a positive number, got ${value}.`,
    )
  }
  return value
}

/**
 * Creates a usage recorder: each exchange adds one to its (minute, scope, version, channel, endpoint,
 * client, status class) key in memory; a timer writes the counts in one additive upsert.
 *
 * @example
 * const recorder = createUsageRecorder({ store: await openUsageStore({ dataDir }) })
 * const runtime = createRuntime({ api, routes, onExchange: recorder.record })
 * process.on('SIGTERM', () => recorder.close())
 */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const { store } = options
  const client = options.client ?? defaultClientId
  const maxKeys = Math.floor(_positive('maxKeys', options.maxKeys, 10_000))
  const interval = _positive('flushIntervalMs', options.flushIntervalMs, 10_000)
  const retention = _positive('retentionDays', options.retentionDays, 400) * DAY
  const clock = options.clock ?? (() => new Date())
  let counts = new Map<string, number>()
  let keys = 0
  let closed = false
  let writing: Promise<void> = Promise.resolve()
  let lastPurge = 0

  let minuteStart = 0
  let minute = ''
  // The minute's text is built once a minute, not per request.
  const currentMinute = (): string => {
    const t = clock().getTime()
    if (t < minuteStart || t >= minuteStart + 60_000) {
      minuteStart = t - (t % 60_000)
      minute = minuteOf(new Date(minuteStart))
    }
    return minute
  }

  function record(exchange: ExchangeRecord): void {
    const name = principalName(exchange.principal) ?? client(exchange.headers)
    const endpoint = exchange.route === undefined ? '' : `${exchange.method} ${exchange.route}`
    const head = `${currentMinute()}\u0000${exchange.scope ?? ''}\u0000${exchange.version ?? ''}\u0000${exchange.channel ?? ''}`
    const tail = statusClassOf(exchange.status)
    let key = `${head}\u0000${endpoint}\u0000${name}\u0000${tail}`
    let count = counts.get(key)
    if (count === undefined) {
      // Past the cap, a new key counts in its version's overflow row: totals per version stay right.
      if (keys >= maxKeys) {
        key = `${head}\u0000${OVERFLOW}\u0000${OVERFLOW}\u0000${tail}`
        count = counts.get(key) ?? 0
      } else {
        keys++
        count = 0
      }
    }
    counts.set(key, count + 1)
  }

  function _take(): UsageRow[] {
    const taken = counts
    counts = new Map()
    keys = 0
    const rows: UsageRow[] = []
    for (const [key, requests] of taken) {
      const [minute, scope, version, channel, endpoint, client_, status_class] = key.split('\u0000') as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ]
      rows.push({ minute, scope, version, channel, endpoint, client: client_, status_class, requests })
    }
    return rows
  }

  function _restore(rows: readonly UsageRow[]): void {
    // A failed write puts its counts back: they go out with the next flush, none is lost.
    for (const r of rows) {
      const key = [r.minute, r.scope, r.version, r.channel, r.endpoint, r.client, r.status_class].join('\u0000')
      const count = counts.get(key)
      if (count === undefined) keys++
      counts.set(key, (count ?? 0) + r.requests)
    }
  }

  async function _write(): Promise<void> {
    const rows = _take()
    if (rows.length === 0) return
    try {
      await store.add(rows)
    } catch (error) {
      _restore(rows)
      throw error
    }
    const now = clock().getTime()
    if (now - lastPurge >= 3_600_000) {
      lastPurge = now
      await purge()
    }
  }

  // Writes are chained: one flush at a time, in order.
  const flush = (): Promise<void> => {
    writing = writing.then(_write, _write)
    return writing
  }
  const purge = (): Promise<number> => store.purge(new Date(clock().getTime() - retention))

  const timer = setInterval(() => {
    flush().catch((error) => options.onError?.(error))
  }, interval)
  timer.unref()

  return {
    record,
    flush,
    purge,
    async close() {
      if (closed) return
      closed = true
      clearInterval(timer)
      try {
        await flush()
      } finally {
        await store.close()
      }
    },
    get size() {
      return counts.size
    },
  }
}
