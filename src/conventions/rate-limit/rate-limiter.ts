import { RateLimiterRes } from 'rate-limiter-flexible'
import { HttpProblem } from '../error/index.ts'
import { type ConcurrencyPolicy, type ConcurrencySlot, createConcurrencyLimiter } from './concurrency.ts'
import { formatRateLimitHeaders } from './headers.ts'
import { _checkRatePolicy, type PolicyState, type RatePolicy, type RatePolicyName } from './policy.ts'
import { memoryRateLimitStore, type RateCounter, type RateLimitStore } from './store.ts'
import { _subjectKeys, type RateLimitSubject } from './subject.ts'

/** Options of {@link createRateLimiter}; each limit is off unless configured. */
export interface RateLimiterOptions {
  /** Defaults to {@link memoryRateLimitStore}. */
  readonly store?: RateLimitStore
  /** Per authenticated principal. */
  readonly principal?: RatePolicy
  /** Per organization, shared by all its principals. */
  readonly organization?: RatePolicy
  /** Per client address, for unauthenticated requests only. */
  readonly ip?: RatePolicy
  /** In-flight requests per principal (per address when unauthenticated). */
  readonly concurrency?: ConcurrencyPolicy
  /** Prefix of every counter key; instances sharing a Redis and a prefix share budgets. Defaults to `strata`. */
  readonly keyPrefix?: string
}

/** The outcome for one request. */
export interface RateLimitDecision {
  readonly allowed: boolean
  /** Headers for the response, whatever its status. */
  readonly headers: Readonly<Record<string, string>>
  /** The 429 RATE_LIMITED problem to send when the request is refused; it carries the same headers. */
  readonly problem?: HttpProblem
  readonly policies: readonly PolicyState[]
  /** Call when the response ends; frees the concurrency slot. Idempotent. */
  release(): Promise<void>
}

/** Decides, per request, whether it fits its principal's, organization's or address's budgets. */
export interface RateLimiter {
  acquire(subject: RateLimitSubject): Promise<RateLimitDecision>
}

/**
 * Creates a rate limiter: request-rate budgets per principal and organization (per IP when
 * unauthenticated) and an in-flight limit; a request refused by one budget does not spend the others.
 *
 * @example
 * const limiter = createRateLimiter({ principal: { limit: 50, windowSeconds: 10 }, ip: { limit: 10, windowSeconds: 10 } })
 * const decision = await limiter.acquire({ principal, ip: request.ip })
 * reply.headers(decision.headers)
 * if (decision.problem) throw decision.problem
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const store = options.store ?? memoryRateLimitStore()
  const prefix = options.keyPrefix ?? 'strata'
  const counters = new Map<RatePolicyName, { policy: RatePolicy; counter: RateCounter }>()
  for (const name of ['principal', 'organization', 'ip'] as const) {
    const policy = options[name]
    if (policy === undefined) continue
    _checkRatePolicy(name, policy)
    const counter = store.counter({
      keyPrefix: `${prefix}:rate:${name}`,
      points: policy.limit,
      durationSeconds: policy.windowSeconds,
    })
    counters.set(name, { policy, counter })
  }
  const concurrency =
    options.concurrency === undefined
      ? undefined
      : createConcurrencyLimiter(store, options.concurrency, `${prefix}:concurrency`)

  return {
    async acquire(subject) {
      const keys = _subjectKeys(subject)
      const spending = await _spend(
        keys.budgets.flatMap(([name, key]) => {
          const entry = counters.get(name)
          return entry === undefined ? [] : [{ name, key, ...entry }]
        }),
      )
      let states = spending.states
      let slot: ConcurrencySlot | undefined
      if (concurrency !== undefined && states.some((s) => s.exceeded)) {
        // Refused already: report the in-flight policy too, so RateLimit-Policy stays the same on every response.
        states.push(await concurrency.peek(keys.concurrency))
      } else if (concurrency !== undefined) {
        slot = await concurrency.acquire(keys.concurrency)
        // A request refused for concurrency is not served, so it gives its request-rate points back.
        if (slot.state.exceeded) states = await spending.refund()
        states.push(slot.state)
      }
      const headers = formatRateLimitHeaders(states)
      const refused = states.filter((s) => s.exceeded)
      const release = slot === undefined ? async () => {} : () => slot.release()
      if (refused.length === 0) return { allowed: true, headers, policies: states, release }
      return { allowed: false, headers, policies: states, release, problem: _tooManyRequests(refused, headers) }
    },
  }
}

interface _Budget {
  name: RatePolicyName
  key: string
  policy: RatePolicy
  counter: RateCounter
}

/**
 * Spends one point per budget in order; after a refusal, later budgets are only read and earlier
 * ones refunded. `refund` gives back the points of a request that was refused later.
 */
async function _spend(
  budgets: readonly _Budget[],
): Promise<{ states: PolicyState[]; refund(): Promise<PolicyState[]> }> {
  const states: PolicyState[] = []
  const spent: _Budget[] = []
  let refused = false
  for (const budget of budgets) {
    if (refused) {
      const current = await budget.counter.get(budget.key)
      states.push(_state(budget, current, false))
      continue
    }
    try {
      states.push(_state(budget, await budget.counter.consume(budget.key), false))
      spent.push(budget)
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      states.push(_state(budget, rejection, true))
      refused = true
    }
  }
  const refund = async () => {
    const after = await Promise.all(spent.map((budget) => budget.counter.reward(budget.key)))
    return states.map((state) => {
      const index = spent.findIndex((budget) => budget.name === state.name)
      const res = after[index]
      return res === undefined
        ? state
        : { ...state, remaining: Math.max(0, Math.min(state.limit, res.remainingPoints)) }
    })
  }
  return { states: refused ? await refund() : states, refund }
}

function _state(budget: _Budget, res: RateLimiterRes | null, exceeded: boolean): PolicyState {
  const { limit, windowSeconds } = budget.policy
  return {
    name: budget.name,
    limit,
    windowSeconds,
    remaining: res === null ? limit : Math.max(0, Math.min(limit, res.remainingPoints)),
    resetSeconds: res === null ? windowSeconds : Math.max(0, Math.ceil(res.msBeforeNext / 1000)),
    exceeded,
  }
}

function _tooManyRequests(refused: readonly PolicyState[], headers: Readonly<Record<string, string>>): HttpProblem {
  const wait = Number(headers['Retry-After'] ?? '1')
  const after = `retry after ${wait} ${wait === 1 ? 'second' : 'seconds'}`
  const budgets = refused.filter((s) => s.unit !== 'concurrent-requests')
  const names = budgets.map((s) => (s.name === 'ip' ? 'client address' : s.name)).join(' and ')
  return new HttpProblem({
    status: 429,
    code: 'RATE_LIMITED',
    message:
      budgets.length === 0
        ? `Too many requests are in flight at once; ${after}`
        : `Too many requests for this ${names}; ${after}`,
    suggestion:
      'Wait for the number of seconds in the Retry-After header, then retry with capped exponential backoff and jitter',
    headers,
  })
}
