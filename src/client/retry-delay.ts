/** Values of `X-RateLimit-Reset` above this are epoch seconds (GitHub's form), not relative ones. */
const EPOCH_THRESHOLD = 1_000_000_000

/**
 * Seconds the server asks the client to wait: `Retry-After` (delta-seconds or an HTTP-date), else
 * `X-RateLimit-Reset` (relative seconds as the Confluent program defines it; epoch seconds tolerated).
 * `undefined` when neither is there or readable.
 *
 * @example
 * serverWaitSeconds(new Headers({ 'retry-after': '7' }), Date.now()) // 7
 */
export function serverWaitSeconds(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter !== undefined && retryAfter !== '') {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter)
    const at = Date.parse(retryAfter)
    if (!Number.isNaN(at)) return Math.max(0, (at - nowMs) / 1000)
  }
  const reset = headers.get('x-ratelimit-reset')?.trim()
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset)
    return value > EPOCH_THRESHOLD ? Math.max(0, value - nowMs / 1000) : value
  }
  return undefined
}

/**
 * Capped exponential backoff with full jitter: a random delay between 0 and
 * `min(cap, base * 2^(retry - 1))` milliseconds.
 *
 * @example
 * backoffMs(3, { baseMs: 100, capMs: 5000 }, Math.random) // somewhere in [0, 400)
 */
export function backoffMs(retry: number, delays: { baseMs: number; capMs: number }, random: () => number): number {
  const ceiling = Math.min(delays.capMs, delays.baseMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(random() * ceiling)
}
