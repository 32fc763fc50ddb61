/** A token bucket that bounds how many retries after failures a client makes over time. */
export interface RetryBudget {
  /** Takes one token; `false` when the bucket is empty and the retry must not happen. */
  trySpend(): boolean
  /** Tokens left now (fractional while refilling). */
  available(): number
}

/**
 * A token bucket of `capacity` tokens refilled at `refillPerSecond`: each retry after a failure
 * spends one, so a long outage settles to that rate instead of multiplying traffic (a retry storm).
 *
 * @example
 * const budget = createRetryBudget({ capacity: 10, refillPerSecond: 1 })
 * if (budget.trySpend()) retry()
 */
export function createRetryBudget(
  options: { capacity: number; refillPerSecond: number },
  nowMs: () => number = Date.now,
): RetryBudget {
  let tokens = options.capacity
  let at = nowMs()
  const refill = (): void => {
    const now = nowMs()
    tokens = Math.min(options.capacity, tokens + ((now - at) / 1000) * options.refillPerSecond)
    at = now
  }
  return {
    trySpend() {
      refill()
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
    available() {
      refill()
      return tokens
    },
  }
}
