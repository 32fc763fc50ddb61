import { describe, expect, test } from 'vitest'
import { calendarScheme, defineVersions } from '../version/index.ts'
import { deprecationHeaders, formatDeprecation, formatSunset } from './deprecation-headers.ts'

const [old, next] = defineVersions({
  scheme: calendarScheme(),
  versions: [
    { id: '2023-01-01', deprecated: '2025-01-01', sunset: '2026-01-01', docs: 'https://docs.example.com/v/2023-01-01' },
    { id: '2024-06-01', docs: 'https://docs.example.com/v/2024-06-01' },
  ],
}).versions as [never, never]

describe('deprecation headers', () => {
  test('RFC 9745 form: 2025-01-01 -> @1735689600', () => {
    expect(formatDeprecation(new Date('2025-01-01'), 'rfc9745')).toBe('@1735689600')
  })

  test('RFC 8594 HTTP-date and RFC 3339 forms of a sunset', () => {
    expect(formatSunset(new Date('2026-01-01'), 'http-date')).toBe('Thu, 01 Jan 2026 00:00:00 GMT')
    expect(formatSunset(new Date('2026-01-01'), 'rfc3339')).toBe('2026-01-01T00:00:00Z')
  })

  test('deprecated version with docs and a successor -> Deprecation, Sunset and a Link with three quoted rels', () => {
    expect(
      deprecationHeaders(old, 'deprecated', next, { links: { sunset: () => 'https://docs.example.com/sunset' } }),
    ).toEqual({
      deprecation: '@1735689600',
      sunset: 'Thu, 01 Jan 2026 00:00:00 GMT',
      link: '<https://docs.example.com/v/2023-01-01>; rel="deprecation", <https://docs.example.com/sunset>; rel="sunset", <https://docs.example.com/v/2024-06-01>; rel="successor-version"',
    })
  })

  test('deprecation announced for the future, RFC 9745 form -> announced ahead with its date', () => {
    expect(deprecationHeaders(old, 'ga', next).deprecation).toBe('@1735689600')
  })

  test('deprecation announced for the future, legacy boolean form -> nothing until it holds', () => {
    expect(deprecationHeaders(old, 'ga', next, { deprecationFormat: 'boolean' })).toEqual({})
    expect(
      deprecationHeaders(old, 'deprecated', next, { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' }),
    ).toMatchObject({
      deprecation: 'true',
      sunset: '2026-01-01T00:00:00Z',
    })
  })

  test('version never deprecated -> no headers', () => {
    expect(deprecationHeaders(next, 'ga', undefined)).toEqual({})
  })
})
