import type { Redis } from 'ioredis'
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'

/** Where rate-limit counters live: process memory (one instance) or Redis (shared by instances). */
export interface RateLimitStore {
  readonly kind: 'memory' | 'redis'
  /** Creates one counter family; instances with equal `keyPrefix` on one Redis share budgets. */
  counter(options: {
    readonly keyPrefix: string
    readonly points: number
    readonly durationSeconds: number
  }): RateLimiterAbstract
}

/** Options of {@link redisRateLimitStore}. */
export interface RedisRateLimitStoreOptions {
  /**
   * Count in process memory while the client is not ready (connecting, or Redis unreachable), so an
   * outage degrades to per-instance limits instead of failing or stalling requests; defaults to true.
   * With false, `acquire` rejects with the store error.
   */
  readonly fallbackToMemory?: boolean
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
 * several API instances share one budget per principal, organization and IP.
 *
 * @example
 * createRateLimiter({ store: redisRateLimitStore(new Redis(process.env.REDIS_URL!)), principal: { limit: 50, windowSeconds: 10 } })
 */
export function redisRateLimitStore(client: Redis, options: RedisRateLimitStoreOptions = {}): RateLimitStore {
  const fallback = options.fallbackToMemory ?? true
  return {
    kind: 'redis',
    counter: ({ keyPrefix, points, durationSeconds }) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix,
        points,
        duration: durationSeconds,
        // Fail over at once when the connection is down rather than queueing behind reconnects.
        rejectIfRedisNotReady: true,
        ...(fallback
          ? { insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds }) }
          : {}),
      }),
  }
}
