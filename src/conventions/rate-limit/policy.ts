import { StrataError } from '../../error/index.ts'
/** A request-rate policy: at most `limit` requests per fixed window of `windowSeconds`. */
export interface RatePolicy {
  readonly limit: number
  readonly windowSeconds: number
}

/** Which budget a policy counts against. */
export type RatePolicyName = 'principal' | 'organization' | 'ip'

/** The state of one policy after a request, as the rate-limit headers report it. */
export interface PolicyState {
  /** The policy's name in `RateLimit` and `RateLimit-Policy` (`principal`, `organization`, `ip`, `concurrency`). */
  readonly name: string
  readonly limit: number
  /** Absent for concurrency, which has no window. */
  readonly windowSeconds?: number
  /** Requests left in the current window (or free in-flight slots), never negative. */
  readonly remaining: number
  /** Whole seconds until the window resets; 0 for concurrency. */
  readonly resetSeconds: number
  /** Whether this policy refused the request. */
  readonly exceeded: boolean
  /** The quota unit of `RateLimit-Policy`; `requests` when absent. */
  readonly unit?: 'requests' | 'concurrent-requests'
}

/**
 * Checks a policy when the limiter is created, so a typo fails at start-up, not under load.
 *
 * @example
 * _checkRatePolicy('principal', { limit: 50, windowSeconds: 10 })
 */
export function _checkRatePolicy(name: string, policy: RatePolicy): void {
  if (!Number.isSafeInteger(policy.limit) || policy.limit < 1) {
    throw new StrataError(
      'STRATA_ERR_RATE_LIMIT_INVALID_POLICY',
      `Rate limit "${name}" has limit ${policy.limit}; use a positive integer such as 50.`,
    )
  }
  if (!Number.isSafeInteger(policy.windowSeconds) || policy.windowSeconds < 1) {
    throw new StrataError(
      'STRATA_ERR_RATE_LIMIT_INVALID_POLICY',
      `Rate limit "${name}" has windowSeconds ${policy.windowSeconds}; use whole seconds, at least 1 (e.g. 10).`,
    )
  }
}
