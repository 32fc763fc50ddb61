import { describe, expect, test } from 'vitest'
import { fromHeader, type RequestView } from '../negotiate/index.ts'
import { defineVersions, integerScheme } from '../version/index.ts'
import { defineApi } from './define-api.ts'

let now = new Date('2026-11-22T00:00:00Z')
const api = defineApi({
  versions: defineVersions({
    scheme: integerScheme(),
    versions: [
      { id: '1', deprecated: '2026-09-01', sunset: '2027-09-01' },
      { id: '2', deprecated: '2026-10-01', sunset: '2026-12-01' },
      { id: '3' },
    ],
    policy: { name: 'none', days: 0 },
  }),
  negotiation: { sources: [fromHeader('X-API-Version')], default: 'oldest' },
  headers: { separator: ',', usedOnRefusal: 'latest', fixed: { 'X-Product-Version': 'v7.5' } },
  lifecycle: { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' },
  legacyPaths: [
    { pattern: /^\/api\/v7\.\d+(?=\/)/, replacement: '/api', deprecated: '2025-07-01', sunset: '2027-02-01' },
  ],
  clock: () => now,
})
const view = (originalPath: string | undefined, version?: string): RequestView => ({
  method: 'GET',
  path: '/api/devices',
  query: '',
  headers: version === undefined ? {} : { 'x-api-version': version },
  ...(originalPath !== undefined ? { originalPath } : {}),
})

describe('defineApi legacyPaths', () => {
  test('rewriteUrl: legacy form -> current form; anything else unchanged', () => {
    expect([api.hasLegacyPaths, api.rewriteUrl('/api/v7.5/devices?x=1'), api.rewriteUrl('/api/devices')]).toEqual([
      true,
      '/api/devices?x=1',
      '/api/devices',
    ])
  })

  test('no originalPath -> the admission as negotiated, without the path deprecation', () => {
    const a = api.admit(view(undefined, '3'))
    expect([a.ok, a.headers.deprecation, a.headers.sunset]).toEqual([true, undefined, undefined])
  })

  test('legacy path at head -> Deprecation: true and the path sunset join the tracking headers', () => {
    expect(api.admit(view('/api/v7.5/devices', '3')).headers).toEqual({
      'X-Product-Version': 'v7.5',
      'x-api-versions-supported': '1,2,3',
      'x-api-version-used': '3',
      deprecation: 'true',
      sunset: '2027-02-01T00:00:00Z',
    })
  })

  test('legacy path at a version sunset later than the path (1: 2027-09-01) -> the path sunset', () => {
    expect(api.admit(view('/api/v7.5/devices', '1')).headers.sunset).toBe('2027-02-01T00:00:00Z')
  })

  test('legacy path at a version sunset earlier than the path (2: 2026-12-01) -> the version sunset', () => {
    expect(api.admit(view('/api/v7.5/devices', '2')).headers.sunset).toBe('2026-12-01T00:00:00Z')
  })

  test('legacy path after its sunset -> refused as VERSION_SUNSET naming the latest, with refusal headers', () => {
    now = new Date('2027-02-01T00:00:00Z')
    try {
      const a = api.admit(view('/api/v7.5/devices', '3'))
      if (a.ok) throw new Error('expected a refusal')
      expect([a.problem.status, a.problem.code, a.problem.data?.latest_version]).toEqual([410, 'VERSION_SUNSET', '3'])
      expect(a.headers['x-api-version-used']).toBe('3')
      expect(api.admit(view(undefined, '3')).ok).toBe(true)
    } finally {
      now = new Date('2026-11-22T00:00:00Z')
    }
  })

  test('an API without legacy paths -> rewriteUrl is the identity, originalPath ignored', () => {
    const plain = defineApi({
      versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
      negotiation: { sources: [fromHeader('X-API-Version')] },
    })
    expect([plain.hasLegacyPaths, plain.rewriteUrl('/api/v7.5/x')]).toEqual([false, '/api/v7.5/x'])
    expect(plain.admit(view('/api/v7.5/devices')).headers.deprecation).toBeUndefined()
  })
})
