import { RateLimiterRes } from 'rate-limiter-flexible'
import { StrataError } from '../../error/index.ts'
import type { PolicyState } from './policy.ts'
import type { RateLimitStore } from './store.ts'

/** A concurrency policy: at most `limit` requests in flight per principal. */
export interface ConcurrencyPolicy {
  readonly limit: number
  /**
   * The longest a request may hold its slot; a slot an instance never released (a crash) frees
   * itself after this. Defaults to 300 seconds.
   */
  readonly ttlSeconds?: number
}

/** The result of asking for an in-flight slot. */
export interface ConcurrencySlot {
  readonly state: PolicyState
  /** Frees the slot; safe to call more than once, a no-op when the slot was refused. */
  release(): Promise<void>
}

/** Hands out in-flight slots per key. */
export interface ConcurrencyLimiter {
  acquire(key: string): Promise<ConcurrencySlot>
  /** The current state for a key, without taking a slot. */
  peek(key: string): Promise<PolicyState>
}

/**
 * Limits the requests in flight per key: a slot is taken when a request starts and given back when
 * its response ends. Counts are shared through the store, so on Redis they hold across instances.
 *
 * @example
 * const slot = await concurrency.acquire(principal.id)
 * if (!slot.state.exceeded) reply.raw.once('close', () => void slot.release())
 */
export function createConcurrencyLimiter(
  store: RateLimitStore,
  policy: ConcurrencyPolicy,
  keyPrefix = 'strata:concurrency',
): ConcurrencyLimiter {
  if (!Number.isSafeInteger(policy.limit) || policy.limit < 1) {
    throw new StrataError(
      'STRATA_ERR_RATE_LIMIT_INVALID_POLICY',
      `Concurrency limit ${policy.limit} is not a positive integer; use a value such as 5.`,
    )
  }
  const counter = store.counter({ keyPrefix, points: policy.limit, durationSeconds: policy.ttlSeconds ?? 300 })
  const state = (inFlight: number, exceeded: boolean): PolicyState => ({
    name: 'concurrency',
    limit: policy.limit,
    remaining: Math.max(0, policy.limit - inFlight),
    resetSeconds: 0,
    exceeded,
    unit: 'concurrent-requests',
  })

  return {
    async peek(key) {
      const current = await counter.get(key)
      return state(Math.max(0, current?.consumedPoints ?? 0), false)
    },
    async acquire(key) {
      let taken: RateLimiterRes
      try {
        taken = await counter.consume(key)
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        // A refused attempt must not hold a slot: give the point straight back.
        await counter.reward(key)
        return { state: state(policy.limit, true), release: async () => {} }
      }
      let released = false
      return {
        state: state(taken.consumedPoints, false),
        async release() {
          if (released) return
          released = true
          const after = await counter.reward(key)
          // When the counter's window rolled over while requests were in flight, releases would
          // drive it below zero and grant extra slots; reset it to empty instead.
          if (after.consumedPoints < 0) await counter.delete(key)
        },
      }
    },
  }
}
