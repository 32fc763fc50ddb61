import { StrataError } from '../../error/index.ts'
import { _invalidPageParameter, _singleQueryValue, type QueryInput } from './query.ts'

/** The page size a list uses when the client names none, and the largest it serves. */
export interface PageSizeOptions {
  /** Defaults to 10. */
  readonly default?: number
  /** Defaults to 100; larger requests are served at this size, not refused. */
  readonly max?: number
}

const DIGITS = /^\d{1,9}$/

/**
 * Reads `page_size` from a query: absent -> the default, above the maximum -> the maximum, anything
 * but a positive whole number -> a 400 VALIDATION_FAILED problem naming `page_size`.
 *
 * @example
 * parsePageSize({ page_size: '500' }, { default: 10, max: 100 }) // 100
 */
export function parsePageSize(query: QueryInput, options: PageSizeOptions = {}): number {
  const { fallback, max } = _resolvePageSizeOptions(options)
  const raw = _singleQueryValue(query, 'page_size')
  if (raw === undefined) return fallback
  const suggestion = `Send page_size as a whole number from 1 to ${max}, or leave it out to get ${fallback} items`
  if (typeof raw !== 'string') {
    throw _invalidPageParameter('page_size', 'is given more than once', 'repeated', suggestion)
  }
  const text = raw.trim()
  // Oversize digit strings are coerced too: a client asking for "everything" gets the maximum.
  if (/^\d+$/.test(text) && !DIGITS.test(text)) return max
  const size = DIGITS.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(size) || size < 1) {
    throw _invalidPageParameter('page_size', `must be a whole number from 1 to ${max}`, 'type', suggestion)
  }
  return Math.min(size, max)
}

/**
 * Checks page size options once, when a list is defined.
 *
 * @example
 * _resolvePageSizeOptions({ max: 50 }) // { fallback: 10, max: 50 }
 */
export function _resolvePageSizeOptions(options: PageSizeOptions): { fallback: number; max: number } {
  const max = options.max ?? 100
  const fallback = options.default ?? Math.min(10, max)
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new StrataError(
      'STRATA_ERR_PAGINATION_INVALID_PAGE_SIZE',
      `Page size maximum ${max} is not a positive integer; use a value such as 100.`,
    )
  }
  if (!Number.isSafeInteger(fallback) || fallback < 1 || fallback > max) {
    throw new StrataError(
      'STRATA_ERR_PAGINATION_INVALID_PAGE_SIZE',
      `Default page size ${fallback} must be a positive integer no larger than the maximum ${max}.`,
    )
  }
  return { fallback, max }
}
