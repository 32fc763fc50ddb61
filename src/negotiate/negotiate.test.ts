import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../conventions/error/index.ts'
import { calendarScheme, defineVersions, integerScheme, noticePolicies } from '../version/index.ts'
import { createNegotiator, type Negotiated, type NegotiationOptions } from './negotiate.ts'
import type { RequestView } from './request-view.ts'
import { fromHeader, fromMediaType, fromPath, fromPin, fromQuery } from './source.ts'

const versions = defineVersions({
  scheme: calendarScheme({ form: 'compact' }),
  policy: noticePolicies.twelveMonths,
  versions: [
    { id: '2022-01-01', deprecated: '2023-01-01', sunset: '2024-01-01' },
    { id: '2023-01-01' },
    { id: '2023-02-01' },
    { id: '2023-02-03', channel: 'beta' },
    { id: '2024-06-01', stage: 'preview' },
  ],
})
const now = new Date('2026-01-01')
const view = (init: Partial<RequestView> = {}): RequestView => ({
  method: 'GET',
  path: '/api/v1/assets',
  query: '',
  headers: {},
  ...init,
})
const negotiator = (options: Partial<NegotiationOptions> = {}) =>
  createNegotiator({ versions, sources: [fromHeader('Cdf-Version')], default: { version: '20230101' }, ...options })
const ok = (result: Negotiated | HttpProblem): Negotiated => {
  if (result instanceof HttpProblem) throw new Error(`expected a version, got ${result.code}: ${result.message}`)
  return result
}
const problem = (result: Negotiated | HttpProblem): HttpProblem => {
  if (!(result instanceof HttpProblem)) throw new Error(`expected a problem, got ${result.version.id}`)
  return result
}

describe('negotiation: the Cognite program', () => {
  const negotiate = negotiator({ beta: { suffix: '-beta' }, playground: ['/api/playground'] })

  test('Cdf-Version: 20230205 -> 20230201 (newest on or before), explained', () => {
    const r = ok(negotiate(view({ headers: { 'cdf-version': '20230205' } }), now))
    expect(r.version.id).toBe('20230201')
    expect(r.channel).toBe('stable')
    expect(r.reason).toBe('header Cdf-Version asked for 20230205: newest version on or before 20230205')
  })

  test('Cdf-Version: 2023-02-05 (ISO form) -> the same version as 20230205', () => {
    expect(ok(negotiate(view({ headers: { 'cdf-version': '2023-02-05' } }), now)).version.id).toBe('20230201')
  })

  test('Cdf-Version: 20230205-beta -> the beta version 20230203 on the beta channel', () => {
    const r = ok(negotiate(view({ headers: { 'cdf-version': '20230205-beta' } }), now))
    expect(r.version.id).toBe('20230203')
    expect(r.channel).toBe('beta')
  })

  describe('beta header (Cognite: version: beta)', () => {
    const withHeader = negotiator({ beta: { suffix: '-beta', header: 'version' } })

    test('Cdf-Version: 20230205 and version: beta -> the beta version 20230203 on the beta channel', () => {
      const r = ok(withHeader(view({ headers: { 'cdf-version': '20230205', version: 'beta' } }), now))
      expect([r.version.id, r.channel]).toEqual(['20230203', 'beta'])
      expect(r.reason).toBe(
        'header Cdf-Version asked for 20230205: newest version on or before 20230205 on the beta channel (header version: beta)',
      )
    })

    test('version: beta without Cdf-Version -> the newest version of the beta channel, not the stable default', () => {
      const r = ok(withHeader(view({ headers: { version: 'Beta' } }), now))
      expect([r.version.id, r.channel, r.source]).toEqual(['20230203', 'beta', 'header version'])
    })

    test('version: stable (not the channel name) -> ignored, the stable default', () => {
      const r = ok(withHeader(view({ headers: { version: 'stable' } }), now))
      expect([r.version.id, r.channel]).toEqual(['20230101', 'stable'])
    })

    test('no beta.header configured -> version: beta is an ordinary header, stable channel', () => {
      const r = ok(negotiate(view({ headers: { 'cdf-version': '20230205', version: 'beta' } }), now))
      expect([r.version.id, r.channel]).toEqual(['20230201', 'stable'])
    })
  })

  test('no header -> the default 20230101, source default', () => {
    const r = ok(negotiate(view(), now))
    expect([r.version.id, r.source]).toEqual(['20230101', 'default'])
  })

  test('date before the first version -> 410 VERSION_UNKNOWN naming the first and latest versions', () => {
    const p = problem(negotiate(view({ headers: { 'cdf-version': '20200101' } }), now))
    expect([p.status, p.code]).toEqual([410, 'VERSION_UNKNOWN'])
    expect(p.message).toBe('API version 20200101 is older than the first version, 20220101')
    expect(p.data).toMatchObject({ latest_version: '20230201' })
  })

  test.each(['abc', '', '2023-02-30', '20230205-alpha', '-beta', '1'])(
    'Cdf-Version: %j -> 400 VERSION_MALFORMED',
    (value) => {
      const p = problem(negotiate(view({ headers: { 'cdf-version': value } }), now))
      expect([p.status, p.code]).toEqual([400, 'VERSION_MALFORMED'])
      expect(p.suggestion).toBe(
        'Send Cdf-Version: 20230201 to use the newest version, or one of the supported versions',
      )
    },
  )

  test('header repeated with two different dates -> 400 VERSION_AMBIGUOUS listing both', () => {
    const p = problem(negotiate(view({ headers: { 'cdf-version': ['20230101', '20240601'] } }), now))
    expect(p.code).toBe('VERSION_AMBIGUOUS')
    expect(p.message).toContain('(20230101, 20240601)')
  })

  test('header repeated with the same date -> that date, not an error', () => {
    expect(ok(negotiate(view({ headers: { 'cdf-version': '20240601, 20240601' } }), now)).version.id).toBe('20240601')
  })

  test('a very long garbage value -> the message quotes at most 40 characters', () => {
    const p = problem(negotiate(view({ headers: { 'cdf-version': 'x'.repeat(10_000) } }), now))
    expect(p.message.length).toBeLessThan(200)
  })

  test('playground path -> head (the newest version of any channel), channel playground, header ignored', () => {
    const r = ok(negotiate(view({ path: '/api/playground/assets', headers: { 'cdf-version': 'abc' } }), now))
    expect([r.version.id, r.channel]).toEqual(['20240601', 'playground'])
  })
})

describe('negotiation: sources and precedence', () => {
  test('header and query both present -> the first source in the list wins', () => {
    const negotiate = negotiator({ sources: [fromQuery('api-version'), fromHeader('Cdf-Version')] })
    const r = ok(negotiate(view({ query: 'api-version=2024-06-01', headers: { 'cdf-version': '20230101' } }), now))
    expect([r.version.id, r.source]).toEqual(['20240601', 'query parameter api-version'])
  })

  test('query parameter repeated with different values -> VERSION_AMBIGUOUS', () => {
    const negotiate = negotiator({ sources: [fromQuery('api-version')] })
    expect(problem(negotiate(view({ query: 'api-version=20230101&api-version=20240601' }), now)).code).toBe(
      'VERSION_AMBIGUOUS',
    )
  })

  test('media-type parameter in Accept -> that version', () => {
    const negotiate = negotiator({ sources: [fromMediaType('version')] })
    const r = ok(negotiate(view({ headers: { accept: 'application/json; version=20230201' } }), now))
    expect(r.version.id).toBe('20230201')
  })

  test('per-client pin and no header -> the pinned version; header present -> the header overrides the pin', () => {
    const negotiate = negotiator({
      sources: [fromHeader('Cdf-Version'), fromPin((r) => (r.principal === 'acme' ? '20230201' : undefined))],
    })
    expect(ok(negotiate(view({ principal: 'acme' }), now)).source).toBe('client pin')
    expect(ok(negotiate(view({ principal: 'acme', headers: { 'cdf-version': '20240601' } }), now)).version.id).toBe(
      '20240601',
    )
    expect(ok(negotiate(view({ principal: 'other' }), now)).source).toBe('default')
  })

  test('generation from the path -> exact match; unknown generation -> 410 VERSION_UNKNOWN', () => {
    const generations = defineVersions({
      scheme: { ...integerScheme(), parse: (t) => (/^v[1-9]\d*$/.test(t) ? Number(t.slice(1)) : undefined) },
      versions: [{ id: 'v1' }, { id: 'v2' }],
    })
    const negotiate = createNegotiator({ versions: generations, sources: [fromPath(/^\/cmk\/([^/]+)\//)] })
    expect(ok(negotiate(view({ path: '/cmk/v2/clusters' }), now)).version.key).toBe(2)
    expect(problem(negotiate(view({ path: '/cmk/v3/clusters' }), now)).message).toBe('API version v3 does not exist')
  })
})

describe('negotiation: defaults', () => {
  test("default 'latest' -> the newest GA version, skipping a preview one", () => {
    expect(ok(negotiator({ default: 'latest' })(view(), now)).version.id).toBe('20230201')
  })

  test("default 'reject' and no header -> 400 VERSION_REQUIRED", () => {
    const p = problem(negotiator({ default: 'reject' })(view(), now))
    expect([p.status, p.code]).toEqual([400, 'VERSION_REQUIRED'])
  })

  test('default version before the first version -> STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT at definition', () => {
    expect(() => negotiator({ default: { version: '20200101' } })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT' }),
    )
  })

  test('exact matching with a default that is not declared -> STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT', () => {
    expect(() => negotiator({ match: 'exact', default: { version: '20230105' } })).toThrow(/does not exist/)
  })

  test("no sources and default 'reject' -> STRATA_ERR_NEGOTIATE_NO_SOURCE", () => {
    expect(() => negotiator({ sources: [], default: 'reject' })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_NEGOTIATE_NO_SOURCE' }),
    )
  })

  test('status override for malformed versions (IP Fabric answers 410) -> 410', () => {
    const p = problem(
      negotiator({ statuses: { VERSION_MALFORMED: 410 } })(view({ headers: { 'cdf-version': 'x' } }), now),
    )
    expect([p.status, p.code]).toEqual([410, 'VERSION_MALFORMED'])
  })
})
