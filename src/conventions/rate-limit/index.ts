/** The in-flight limit on its own. */
export {
  type ConcurrencyLimiter,
  type ConcurrencyPolicy,
  type ConcurrencySlot,
  createConcurrencyLimiter,
} from './concurrency.ts'
/** Header formatting: Confluent X-RateLimit-*, IETF RateLimit / RateLimit-Policy, Retry-After. */
export { formatRateLimitHeaders } from './headers.ts'
/** Policies and their per-request state. */
export type { PolicyState, RatePolicy, RatePolicyName } from './policy.ts'
/** Rate limits per principal, organization and client address, plus an in-flight limit. */
export {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.ts'
/** Counter stores: process memory by default, Redis for several instances. */
export {
  memoryRateLimitStore,
  type RateCounter,
  type RateLimitStore,
  type RedisRateLimitStoreOptions,
  type RedisUnavailablePolicy,
  redisRateLimitStore,
} from './store.ts'
/** Who a request counts against. */
export { ipPartitionKey, type RateLimitSubject } from './subject.ts'
