import { ClientOptionsError } from './client-options-error.ts'
import { createRetryBudget, type RetryBudget } from './retry-budget.ts'
import { backoffMs, serverWaitSeconds } from './retry-delay.ts'

/** How the client retries: which outcomes, how often, how long it waits. `false` turns retries off. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly limit?: number
  /** The backoff ceiling of the first retry, doubled on each one. Default 200 ms. */
  readonly baseDelayMs?: number
  /** The cap of the backoff ceiling. Default 10 000 ms. */
  readonly maxDelayMs?: number
  /** A server that asks for a longer wait than this gets its error back instead. Default 60 s. */
  readonly maxServerWaitSeconds?: number
  /** The token bucket that retries after failures spend. Default 10 tokens, 1 per second back. */
  readonly budget?: false | { readonly capacity?: number; readonly refillPerSecond?: number }
  /** The header that carries the attempt number (1, 2, ...). Default `X-Attempt-Number`; `false` for none. */
  readonly attemptHeader?: string | false
  /** Source of jitter in [0, 1); tests may pin it. Default `Math.random`. */
  readonly random?: () => number
}

/** Retry options with every default filled in and checked. */
export interface RetryPolicy {
  readonly limit: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly maxServerWaitSeconds: number
  readonly budget: RetryBudget | undefined
  readonly attemptHeader: string | undefined
  readonly random: () => number
}

/** What to do after an attempt: stop, or wait `delayMs` and try again. */
export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayMs: number }

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])

function _count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    throw new ClientOptionsError(`retry.${name} must be a number >= ${min}; got ${String(value)}.`)
  return value
}

/**
 * Fills in and checks retry options; a bad value throws a {@link ClientOptionsError} naming it.
 *
 * @example
 * resolveRetry({ limit: 5 }).limit // 5
 */
export function resolveRetry(options: RetryOptions | false | undefined): RetryPolicy {
  const given = options === false ? { limit: 0 } : (options ?? {})
  const budget = given.budget === false ? undefined : (given.budget ?? {})
  return {
    limit: Math.floor(_count('limit', given.limit, 3, 0)),
    baseDelayMs: _count('baseDelayMs', given.baseDelayMs, 200, 0),
    maxDelayMs: _count('maxDelayMs', given.maxDelayMs, 10_000, 0),
    maxServerWaitSeconds: _count('maxServerWaitSeconds', given.maxServerWaitSeconds, 60, 0),
    budget:
      budget === undefined
        ? undefined
        : createRetryBudget({
            capacity: _count('budget.capacity', budget.capacity, 10, 1),
            refillPerSecond: _count('budget.refillPerSecond', budget.refillPerSecond, 1, 0),
          }),
    attemptHeader: given.attemptHeader === false ? undefined : (given.attemptHeader ?? 'X-Attempt-Number'),
    random: given.random ?? Math.random,
  }
}

/**
 * Whether an attempt's outcome may be retried: 429 and 503 always (the server did not act), other
 * 5xx and network failures only when repeating cannot act twice (an idempotent method, or a POST
 * carrying an `Idempotency-Key`).
 *
 * @example
 * isRetryable({ status: 500 }, { method: 'GET', idempotencyKey: false }) // true
 */
export function isRetryable(
  outcome: { status?: number; networkError?: boolean },
  request: { method: string; idempotencyKey: boolean },
): boolean {
  const safe = IDEMPOTENT.has(request.method) || (request.method === 'POST' && request.idempotencyKey)
  if (outcome.networkError === true) return safe
  const status = outcome.status ?? 0
  if (status === 429 || status === 503) return true
  return status >= 500 && safe
}

/**
 * Decides the next step after attempt number `attempt` failed: wait as the server asks
 * (`Retry-After`, `X-RateLimit-Reset`), else back off with full jitter. A 429 waited out as the
 * server asks costs no budget; every other retry spends one token, and an empty budget stops.
 *
 * @example
 * decideRetry(policy, { status: 429, headers }, { method: 'GET', idempotencyKey: false }, 1, Date.now())
 */
export function decideRetry(
  policy: RetryPolicy,
  outcome: { status?: number; headers?: Headers; networkError?: boolean },
  request: { method: string; idempotencyKey: boolean },
  attempt: number,
  nowMs: number,
): RetryDecision {
  if (attempt > policy.limit || !isRetryable(outcome, request)) return { retry: false }
  const asked = outcome.headers !== undefined ? serverWaitSeconds(outcome.headers, nowMs) : undefined
  if (asked !== undefined && asked > policy.maxServerWaitSeconds) return { retry: false }
  const waitingAsAsked = outcome.status === 429 && asked !== undefined
  if (!waitingAsAsked && policy.budget !== undefined && !policy.budget.trySpend()) return { retry: false }
  if (asked !== undefined) {
    // A little jitter on top, so clients told the same instant do not all return at once.
    return { retry: true, delayMs: Math.ceil(asked * 1000 + policy.random() * policy.baseDelayMs) }
  }
  return {
    retry: true,
    delayMs: backoffMs(attempt, { baseMs: policy.baseDelayMs, capMs: policy.maxDelayMs }, policy.random),
  }
}
