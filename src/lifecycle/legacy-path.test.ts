import { describe, expect, test } from 'vitest'
import { isStrataError } from '../error/index.ts'
import { defineVersions, integerScheme } from '../version/index.ts'
import { defineLegacyPaths, type LegacyPathInput, legacyPathRefusal } from './legacy-path.ts'

const v7: LegacyPathInput = {
  pattern: /^\/api\/v7\.\d+(?=\/)/,
  replacement: '/api',
  deprecated: '2025-07-01',
  sunset: '2026-02-01',
}
const ipFabric = { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' } as const
const legacy = defineLegacyPaths([v7], ipFabric)
const failure = (inputs: LegacyPathInput[]): string => {
  try {
    defineLegacyPaths(inputs)
  } catch (err) {
    if (isStrataError(err)) return err.code
    throw err
  }
  throw new Error('expected a StrataError')
}

describe('legacy paths: rewriting', () => {
  test.each([
    ['/api/v7.5/snapshots', '/api/snapshots'],
    ['/api/v7.12/snapshots/7?limit=2&x=/api/v7.1/', '/api/snapshots/7?limit=2&x=/api/v7.1/'],
    ['/api/v7.5/inventory/interfaces', '/api/inventory/interfaces'],
  ])('%s -> %s (query kept)', (url, current) => {
    expect(legacy.rewrite(url)).toBe(current)
  })

  test.each([['/api/snapshots'], ['/api/v8.0/snapshots'], ['/api/v7.5'], ['/x/api/v7.5/snapshots']])(
    '%s (not a legacy form) -> undefined',
    (url) => {
      expect(legacy.rewrite(url)).toBeUndefined()
    },
  )

  test('global pattern used twice in a row -> both rewritten (no lastIndex state)', () => {
    const g = defineLegacyPaths([{ ...v7, pattern: /^\/api\/v7\.\d+(?=\/)/g }])
    expect([g.rewrite('/api/v7.5/a'), g.rewrite('/api/v7.5/a')]).toEqual(['/api/a', '/api/a'])
  })

  test('empty replacement: /v1/things with ^/v1(?=/) -> /things', () => {
    expect(defineLegacyPaths([{ pattern: /^\/v1(?=\/)/, replacement: '' }]).rewrite('/v1/things')).toBe('/things')
  })
})

describe('legacy paths: lifecycle', () => {
  test('before the deprecation, boolean form -> no headers', () => {
    expect(legacy.check('/api/v7.5/snapshots', new Date('2025-06-30'))).toEqual({ ok: true, headers: {} })
  })

  test('before the deprecation, RFC 9745 form -> announced ahead with its date and HTTP-date sunset', () => {
    const r = defineLegacyPaths([v7]).check('/api/v7.5/x', new Date('2025-06-30'))
    expect(r).toMatchObject({
      ok: true,
      headers: { deprecation: '@1751328000', sunset: 'Sun, 01 Feb 2026 00:00:00 GMT' },
    })
  })

  test('deprecated -> Deprecation: true, RFC 3339 Sunset, a deprecation Link when docs are given', () => {
    const withDocs = defineLegacyPaths([{ ...v7, docs: 'https://docs.example.com/path-versions' }], ipFabric)
    expect(withDocs.check('/api/v7.5/snapshots', new Date('2025-12-01'))).toEqual({
      ok: true,
      headers: {
        deprecation: 'true',
        sunset: '2026-02-01T00:00:00Z',
        link: '<https://docs.example.com/path-versions>; rel="deprecation"',
      },
      sunset: new Date('2026-02-01'),
    })
  })

  test('at the sunset instant -> refused, naming the legacy part and the current path', () => {
    expect(legacy.check('/api/v7.5/snapshots', new Date('2026-02-01T00:00:00Z'))).toEqual({
      ok: false,
      legacy: '/api/v7.5',
      current: '/api/snapshots',
      sunset: new Date('2026-02-01'),
    })
  })

  test('not a legacy form -> undefined', () => {
    expect(legacy.check('/api/snapshots', new Date('2025-12-01'))).toBeUndefined()
  })

  test('refusal -> 410 VERSION_SUNSET with the scope latest and supported versions', () => {
    const versions = defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }, { id: '2' }] })
    const verdict = legacy.check('/api/v7.5/snapshots', new Date('2026-03-01'))
    if (verdict === undefined || verdict.ok) throw new Error('expected a refusal')
    const problem = legacyPathRefusal(verdict, versions, new Date('2026-03-01'))
    expect([problem.status, problem.code, problem.data]).toEqual([
      410,
      'VERSION_SUNSET',
      { requested_version: '/api/v7.5', latest_version: '2', supported_versions: ['1', '2'] },
    ])
    expect(problem.suggestion).toBe('Remove the version segment from the path: request /api/snapshots')
  })
})

describe('legacy paths: definition errors', () => {
  test.each([
    ['pattern not anchored', { ...v7, pattern: /\/v7\.\d+(?=\/)/ }, 'STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID'],
    ['replacement with a trailing slash', { ...v7, replacement: '/api/' }, 'STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID'],
    ['replacement without a leading slash', { ...v7, replacement: 'api' }, 'STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID'],
    ['sunset without deprecation', { ...v7, deprecated: undefined }, 'STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION'],
    ['sunset before deprecation', { ...v7, sunset: '2025-01-01' }, 'STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION'],
    [
      '90 days of notice under the 180-day policy',
      { ...v7, sunset: '2025-09-29' },
      'STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT',
    ],
    ['a date that is not a date', { ...v7, sunset: 'soon' }, 'STRATA_ERR_VERSION_INVALID_DATE'],
  ])('%s -> %s', (_, input, code) => {
    expect(failure([input as LegacyPathInput])).toBe(code)
  })
})
