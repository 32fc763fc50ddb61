import { createHash } from 'node:crypto'
import { HttpProblem } from '../error/index.ts'

/** A parsed query string as frameworks hand it over: one value, several, or none per name. */
export type QueryInput = Readonly<Record<string, string | readonly string[] | undefined>>

/** The query parameters that select a page rather than the filter; they never bind a page token. */
export const PAGE_PARAMETERS: readonly string[] = ['page_token', 'page_size']

/**
 * Returns the filter part of a query in a canonical form: page parameters removed, names sorted,
 * repeated values kept in request order (their order can matter, e.g. `sort=a&sort=b`).
 *
 * @example
 * normaliseFilter({ page_size: '5', status: 'RUNNING', env: ['a', 'b'] }) // [['env', ['a', 'b']], ['status', ['RUNNING']]]
 */
export function normaliseFilter(query: QueryInput): [name: string, values: string[]][] {
  const entries: [string, string[]][] = []
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || PAGE_PARAMETERS.includes(name)) continue
    entries.push([name, typeof value === 'string' ? [value] : [...value]])
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/**
 * Hashes the filter part of a query, so a page token can be bound to the filter it was issued for
 * without carrying the filter itself.
 *
 * @example
 * filterFingerprint({ status: 'RUNNING', page_size: '5' }) === filterFingerprint({ status: 'RUNNING' }) // true
 */
export function filterFingerprint(query: QueryInput): string {
  return createHash('sha256')
    .update(JSON.stringify(normaliseFilter(query)))
    .digest('base64url')
    .slice(0, 22)
}

/**
 * Reads the single value of a query parameter, or `undefined` when it is absent; a repeated
 * parameter yields all of its values so the caller can refuse it.
 *
 * @example
 * _singleQueryValue({ page_size: ['5', '6'] }, 'page_size') // ['5', '6']
 */
export function _singleQueryValue(query: QueryInput, name: string): string | readonly string[] | undefined {
  const value = query[name]
  if (value === undefined || typeof value === 'string') return value
  if (value.length === 0) return undefined
  return value.length === 1 ? value[0] : value
}

/**
 * The error for a page parameter the server cannot use: 400 (a malformed parameter, as the seed's
 * status table puts it) with code VALIDATION_FAILED and the parameter named in `details`.
 *
 * @example
 * throw _invalidPageParameter('page_size', 'must be a whole number between 1 and 100', 'type', 'Send page_size=10')
 */
export function _invalidPageParameter(
  field: 'page_size' | 'page_token',
  message: string,
  reason: string,
  suggestion: string,
): HttpProblem {
  return new HttpProblem({
    status: 400,
    code: 'VALIDATION_FAILED',
    message: `The ${field} parameter ${message}`,
    suggestion,
    fields: [{ field, message, reason }],
  })
}
