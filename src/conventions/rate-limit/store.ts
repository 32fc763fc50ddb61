import type { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { unavailableProblem } from '../error/index.ts'

/** The counter operations the limiters use (rate-limiter-flexible's limiter surface). */
export type RateCounter = Pick<RateLimiterAbstract, 'consume' | 'get' | 'reward' | 'delete'>

/** Where rate-limit counters live: process memory (one instance) or Redis (shared by instances). */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis'
  /** Creates one counter family; instances with equal `keyPrefix` on one Redis share budgets. */
  counter(options: {
    readonly keyPrefix: string
    readonly points: number
    readonly durationSeconds: number
  }): RateCounter
}

/**
 * What a Redis store does while Redis cannot answer: `per-instance` counts in process memory (each
 * instance enforces the whole limit on its own), `fail-open` lets every request through uncounted,
 * `fail-closed` refuses every request with 503 SERVICE_UNAVAILABLE.
 */
export type RedisUnavailablePolicy = 'per-instance' | 'fail-open' | 'fail-closed'

/** Options of {@link redisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /** Defaults to `per-instance`: limits stay enforced, only no longer shared. */
  readonly whenUnavailable?: RedisUnavailablePolicy
  /** How long one Redis command may take before Redis counts as unavailable; defaults to 1000 ms. */
  readonly timeoutMs?: number
  /**
   * Called once when Redis becomes unavailable (with the error) and once when it answers again, to
   * log in the application's own words; defaults to one line on stderr each time.
   */
  readonly onAvailabilityChange?: (available: boolean, error?: Error) => void
}

/**
 * Keeps counters in process memory (rate-limiter-flexible's `RateLimiterMemory`), one set per limiter;
 * the default store, right for a single instance.
 *
 * @example
 * createRateLimiter({ store: memoryRateLimitStore(), principal: { limit: 50, windowSeconds: 10 } })
 */
export function memoryRateLimitStore(): RateLimitStore {
  return {
    kind: 'memory',
    counter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }),
  }
}

/**
 * Keeps counters in Redis (rate-limiter-flexible's `RateLimiterRedis` over an ioredis client), so
 * several API instances share one budget per principal, organization and IP. While Redis is down or
 * slower than `timeoutMs`, `whenUnavailable` applies; the change is reported once each way.
 *
 * @example
 * createRateLimiter({ store: redisRateLimitStore(new Redis(process.env.REDIS_URL!)), principal: { limit: 50, windowSeconds: 10 } })
 */
export function redisRateLimitStore(client: Redis, options: RedisRateLimitStoreOptions = {}): RateLimitStore {
  const policy = options.whenUnavailable ?? 'per-instance'
  const timeoutMs = options.timeoutMs ?? 1000
  const health = _health(policy, options.onAvailabilityChange)
  // Without a listener ioredis prints every reconnect failure; the store reports the outage once instead.
  client.on('error', (error: Error) => health.down(error))
  client.on('ready', () => health.up())
  return {
    kind: 'redis',
    counter: ({ keyPrefix, points, durationSeconds }) => {
      const shared = new RateLimiterRedis({
        storeClient: client,
        keyPrefix,
        points,
        duration: durationSeconds,
        // Fail at once while the connection is down rather than queueing behind reconnects.
        rejectIfRedisNotReady: true,
      })
      const local = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds })
      const open = new RateLimiterRes(points, durationSeconds * 1000, 0, false)
      const run = async <T>(op: (limiter: RateLimiterAbstract) => Promise<T>, whenOpen: T): Promise<T> => {
        try {
          const result = await _within(op(shared), timeoutMs)
          health.up()
          return result
        } catch (error) {
          // A refusal is an answer from Redis, not an outage.
          if (error instanceof RateLimiterRes) {
            health.up()
            throw error
          }
          health.down(error instanceof Error ? error : new Error(String(error)))
          if (policy === 'per-instance') return op(local)
          if (policy === 'fail-open') return whenOpen
          throw unavailableProblem({ message: 'Rate limits cannot be checked right now; the request was not served' })
        }
      }
      return {
        consume: (key, n) => run((l) => l.consume(key, n), open),
        get: (key) => run((l) => l.get(key), null),
        reward: (key, n) => run((l) => l.reward(key, n), open),
        delete: (key) => run((l) => l.delete(key), false),
      }
    },
  }
}

function _health(policy: RedisUnavailablePolicy, report: RedisRateLimitStoreOptions['onAvailabilityChange']) {
  const notify =
    report ??
    ((available: boolean, error?: Error) =>
      process.stderr.write(
        available
          ? 'strata rate limits: Redis answers again; budgets are shared again\n'
          : `strata rate limits: Redis is unavailable (${error?.message}); applying ${policy} until it returns\n`,
      ))
  let available = true
  return {
    up() {
      if (available) return
      available = true
      notify(true)
    },
    down(error: Error) {
      if (!available) return
      available = false
      notify(false, error)
    },
  }
}

function _within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
