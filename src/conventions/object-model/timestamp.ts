import { StrataError } from '../../error/index.ts'
/** A point in time as the object model accepts it: a `Date`, epoch milliseconds, or RFC 3339 text. */
export type TimestampInput = Date | number | string

// SQL databases often store `YYYY-MM-DD HH:MM:SS` without a zone; the seed says UTC is assumed.
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/

/**
 * Writes a timestamp as RFC 3339 in UTC (`2025-08-01T20:36:45Z`), keeping milliseconds only when
 * they are not zero; text without a zone is read as UTC.
 *
 * @example
 * formatTimestamp('2025-08-01 20:36:45') // '2025-08-01T20:36:45Z'
 */
export function formatTimestamp(value: TimestampInput): string {
  const date = _toDate(value)
  if (Number.isNaN(date.getTime())) {
    throw new StrataError(
      'STRATA_ERR_OBJECT_INVALID_TIMESTAMP',
      `Timestamp ${JSON.stringify(value)} is not a valid date; pass a Date or RFC 3339 text.`,
    )
  }
  return date.toISOString().replace('.000Z', 'Z')
}

function _toDate(value: TimestampInput): Date {
  if (value instanceof Date) return value
  if (typeof value === 'number') return new Date(value)
  const text = value.trim()
  return new Date(ZONELESS.test(text) ? `${text.replace(' ', 'T')}Z` : text)
}
