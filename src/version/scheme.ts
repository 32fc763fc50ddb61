import { type CalendarForm, formatCalendarDay, parseCalendarDay } from './calendar-date.ts'

/** The three ways a version can be named. */
export type SchemeKind = 'calendar' | 'integer' | 'generation'

/**
 * How versions of one scope are parsed, ordered and written. Every scheme maps a version id
 * to an integer key; keys order versions, and equal keys mean the same version.
 */
export interface VersionScheme {
  readonly kind: SchemeKind
  /** The key of a version id, or `undefined` when the text is not a version of this scheme. */
  parse(text: string): number | undefined
  /** The canonical id of a key. */
  format(key: number): string
  /** A short description of the accepted forms, for error messages. */
  readonly expected: string
}

/**
 * Calendar versions: dates, accepted as `YYYYMMDD` or `YYYY-MM-DD`, written in the canonical form.
 *
 * @example
 * calendarScheme({ form: 'compact' }).format(calendarScheme().parse('2023-02-05')!) // '20230205'
 */
export function calendarScheme(options: { form?: CalendarForm } = {}): VersionScheme {
  const form = options.form ?? 'iso'
  return {
    kind: 'calendar',
    parse: parseCalendarDay,
    format: (key) => formatCalendarDay(key, form),
    expected: form === 'iso' ? 'a date such as 2023-02-05' : 'a date such as 20230205',
  }
}

const INTEGER = /^[1-9]\d{0,8}$/

/**
 * Integer versions (`1`, `2`, ...), usually one list per endpoint.
 *
 * @example
 * integerScheme().parse('2') // 2
 */
export function integerScheme(): VersionScheme {
  return {
    kind: 'integer',
    parse: (text) => (INTEGER.test(text) ? Number(text) : undefined),
    format: (key) => String(key),
    expected: 'a positive integer such as 2',
  }
}

/**
 * Generational versions written as a path segment (`v1`, `v2`), one list per API group.
 *
 * @example
 * generationScheme().parse('v2') // 2
 */
export function generationScheme(options: { prefix?: string } = {}): VersionScheme {
  const prefix = options.prefix ?? 'v'
  return {
    kind: 'generation',
    parse: (text) =>
      text.startsWith(prefix) && INTEGER.test(text.slice(prefix.length))
        ? Number(text.slice(prefix.length))
        : undefined,
    format: (key) => `${prefix}${key}`,
    expected: `a generation such as ${prefix}2`,
  }
}
