import { StrataError } from '../../error/index.ts'
import type { PolicyState } from './policy.ts'

/**
 * Writes the rate-limit response headers for the policies a request counted against:
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (relative seconds, as the
 * Confluent seed defines them) for the request-rate policy nearest exhaustion; the IETF
 * `RateLimit-Policy` and `RateLimit` lists (draft-ietf-httpapi-ratelimit-headers-11) for every policy;
 * and `Retry-After` when a policy refused the request.
 *
 * @example
 * formatRateLimitHeaders([{ name: 'principal', limit: 50, windowSeconds: 10, remaining: 49, resetSeconds: 10, exceeded: false }])
 * // { 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '49', 'X-RateLimit-Reset': '10',
 * //   'RateLimit-Policy': '"principal";q=50;w=10', RateLimit: '"principal";r=49;t=10' }
 */
export function formatRateLimitHeaders(states: readonly PolicyState[]): Record<string, string> {
  const headers: Record<string, string> = {}
  const rates = states.filter((s) => s.unit !== 'concurrent-requests')
  const binding = _bindingPolicy(rates)
  if (binding !== undefined) {
    headers['X-RateLimit-Limit'] = String(binding.limit)
    headers['X-RateLimit-Remaining'] = String(binding.remaining)
    headers['X-RateLimit-Reset'] = String(binding.resetSeconds)
  }
  if (states.length > 0) {
    headers['RateLimit-Policy'] = states.map(_policyItem).join(', ')
    headers.RateLimit = states.map(_limitItem).join(', ')
  }
  const exceeded = states.filter((s) => s.exceeded)
  if (exceeded.length > 0) {
    // Retry-After must not point before the end of any refusing policy's window; concurrency waits 1 s.
    headers['Retry-After'] = String(Math.max(1, ...exceeded.map((s) => s.resetSeconds)))
  }
  return headers
}

/** The policy whose numbers the X-RateLimit headers show: a refusing one, else the fewest left. */
function _bindingPolicy(states: readonly PolicyState[]): PolicyState | undefined {
  let best: PolicyState | undefined
  for (const state of states) {
    if (best === undefined) best = state
    else if (state.exceeded !== best.exceeded) best = state.exceeded ? state : best
    else if (state.remaining !== best.remaining) best = state.remaining < best.remaining ? state : best
    else if (state.resetSeconds > best.resetSeconds) best = state
  }
  return best
}

function _policyItem(state: PolicyState): string {
  const unit = state.unit === 'concurrent-requests' ? ';qu="concurrent-requests"' : ''
  const window = state.windowSeconds !== undefined ? `;w=${state.windowSeconds}` : ''
  return `${_sfString(state.name)};q=${state.limit}${unit}${window}`
}

function _limitItem(state: PolicyState): string {
  const reset = state.unit === 'concurrent-requests' ? '' : `;t=${state.resetSeconds}`
  return `${_sfString(state.name)};r=${state.remaining}${reset}`
}

/** A Structured Fields String (RFC 9651): printable ASCII, with `\` and `"` escaped. */
function _sfString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text))
    throw new StrataError(
      'STRATA_ERR_RATE_LIMIT_INVALID_POLICY',
      `Rate limit policy name "${text}" must be printable ASCII.`,
    )
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`
}
