import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatCalendarDay, parseCalendarDay, parseInstant } from './calendar-date.ts'

const realDate = fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })

describe('calendar dates', () => {
  test('parse: any real date written YYYYMMDD or YYYY-MM-DD -> the same day', () => {
    fc.assert(
      fc.property(realDate, (d) => {
        const iso = d.toISOString().slice(0, 10)
        expect(parseCalendarDay(iso)).toBe(parseCalendarDay(iso.replaceAll('-', '')))
        expect(parseCalendarDay(iso)).toBe(Math.floor(d.getTime() / 86_400_000))
      }),
    )
  })

  test('format: parse then format in either form -> the text it came from', () => {
    fc.assert(
      fc.property(realDate, (d) => {
        const iso = d.toISOString().slice(0, 10)
        const day = parseCalendarDay(iso)!
        expect(formatCalendarDay(day, 'iso')).toBe(iso)
        expect(formatCalendarDay(day, 'compact')).toBe(iso.replaceAll('-', ''))
      }),
    )
  })

  test('parse: arbitrary text -> a day only when it is a real date', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const day = parseCalendarDay(text)
        if (day !== undefined) {
          expect(text).toMatch(/^\d{4}-?\d{2}-?\d{2}$/)
          expect(formatCalendarDay(day, 'compact')).toBe(text.replaceAll('-', ''))
        }
      }),
    )
  })

  test.each([
    '20230230',
    '2023-02-29',
    '20231301',
    '2023-00-10',
    '20230100',
    '2023-1-5',
    '202301011',
    '2023/01/01',
    '',
    ' 20230101',
    '19691231',
  ])('parse: %j (not a real date, or not in an accepted form) -> undefined', (text) => {
    expect(parseCalendarDay(text)).toBeUndefined()
  })

  test('parse: leap day in a leap year -> accepted', () => {
    expect(parseCalendarDay('2024-02-29')).toBeDefined()
  })

  test('parseInstant: RFC 3339 timestamp with offset -> that instant; a bare time -> undefined', () => {
    expect(parseInstant('2027-11-01T12:00:00+02:00')?.toISOString()).toBe('2027-11-01T10:00:00.000Z')
    expect(parseInstant('12:00')).toBeUndefined()
    expect(parseInstant('next tuesday')).toBeUndefined()
  })
})
