const DAY_MS = 86_400_000
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/** How a calendar version is written: `20230205` (compact) or `2023-02-05` (iso). */
export type CalendarForm = 'compact' | 'iso'

/**
 * Parses a calendar date written `YYYYMMDD` or `YYYY-MM-DD` into days since 1970-01-01 (UTC),
 * or `undefined` when the text is not a real date.
 *
 * @example
 * parseCalendarDay('20230205') === parseCalendarDay('2023-02-05') // true
 */
export function parseCalendarDay(text: string): number | undefined {
  const match = COMPACT.exec(text) ?? ISO.exec(text)
  if (match === null) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  if (year < 1970 || month < 1 || month > 12 || day < 1) return undefined
  const ms = Date.UTC(year, month - 1, day)
  // Date.UTC rolls 2023-02-30 over into March; a real date survives the round trip.
  if (new Date(ms).getUTCDate() !== day) return undefined
  return ms / DAY_MS
}

/**
 * Writes days since 1970-01-01 as a calendar date in the given form.
 *
 * @example
 * formatCalendarDay(19393, 'compact') // '20230205'
 */
export function formatCalendarDay(day: number, form: CalendarForm): string {
  const iso = new Date(day * DAY_MS).toISOString().slice(0, 10)
  return form === 'iso' ? iso : iso.replaceAll('-', '')
}

/**
 * The instant (UTC midnight) at which a calendar day starts.
 *
 * @example
 * dayToDate(parseCalendarDay('2023-02-05')!).toISOString() // '2023-02-05T00:00:00.000Z'
 */
export function dayToDate(day: number): Date {
  return new Date(day * DAY_MS)
}

/**
 * Parses a lifecycle date: a calendar date (`2024-06-01`, `20240601`) or a full RFC 3339
 * timestamp. Returns `undefined` when the text is neither.
 *
 * @example
 * parseInstant('2024-06-01')?.toISOString() // '2024-06-01T00:00:00.000Z'
 */
export function parseInstant(text: string): Date | undefined {
  const day = parseCalendarDay(text)
  if (day !== undefined) return dayToDate(day)
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}
