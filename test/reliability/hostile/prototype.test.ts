import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { createPageTokenCodec, createRuntime, type PageContext, type RouteDefinition, safeParseCrn } from 'strata'
import { afterAll, describe, expect, test } from 'vitest'
import { calendarProgram } from '../../../examples/calendar/serve.ts'
import { budget } from './harness.ts'

// No prototype pollution through a response migration, the page-token parser or the CRN parser,
// whatever keys the data carries (`__proto__` as an own key, `constructor`, `prototype`).

const protoKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted')
const hostileJson = fc
  .dictionary(
    fc.oneof(protoKey, fc.string({ maxLength: 5 })),
    fc.oneof(fc.constant('{"polluted":"yes"}'), fc.constant('"x"'), fc.constant('{"prototype":{"polluted":"yes"}}')),
    { maxKeys: 4 },
  )
  .map(
    (d) =>
      `{${Object.entries(d)
        .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
        .join(',')}}`,
  )

const clean = (): void => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted')
}

const program = await calendarProgram({ dataDir: mkdtempSync(join(tmpdir(), 'strata-proto-')) })

describe('response migrations', () => {
  const { runtime: options, store } = program
  afterAll(() => store.close())
  let metadata = '{}'
  // The read handler answers the stored asset with hostile metadata (as JSON.parse builds it: `__proto__` an own key).
  const routes: RouteDefinition[] = options.routes.map((route) =>
    route.method === 'GET' && route.path === '/api/v1/assets/:id'
      ? {
          ...route,
          handler: async (input) =>
            JSON.parse(
              JSON.stringify(await route.handler(input)).replace('"metadata":{}', () => `"metadata":${metadata}`),
            ),
        }
      : route,
  )
  const runtime = createRuntime({ ...options, routes })

  test('property: head answer with prototype-named keys, migrated down to every calendar version -> 200, no pollution', async () => {
    const created = await runtime.handle({
      method: 'POST',
      url: '/api/v1/assets',
      headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
      body: '{"title":"pump"}',
    })
    const id = JSON.parse(created.body!).id
    await fc.assert(
      fc.asyncProperty(
        hostileJson,
        fc.constantFrom('20230101', '20230201', '20230205-beta', '20240601'),
        async (json, version) => {
          metadata = json
          const res = await runtime.handle({
            method: 'GET',
            url: `/api/v1/assets/${id}`,
            headers: { 'cdf-version': version },
          })
          expect(res.status, res.body).toBe(200)
          // At head nothing migrates: the hostile keys reach the client as data.
          if (version === '20240601') {
            for (const key of Object.keys(JSON.parse(json))) expect(res.body).toContain(JSON.stringify(key))
          }
          clean()
        },
      ),
      budget(60),
    )
  })
})

describe('page tokens', () => {
  const secret = 'a-page-token-secret-of-32-bytes-or-more'
  let now = Date.UTC(2026, 11, 1)
  const codec = createPageTokenCodec({ secret, ttlSeconds: 60, now: () => now })
  const context: PageContext = {
    apiVersion: 'cmk/v2',
    route: 'GET /cmk/v2/clusters',
    query: { environment: 'env-1' },
    principal: 'sa-1',
  }
  const token = codec.issue({ cursor: { direction: 'after', keys: ['2026-01-01', 'lkc-1'] }, pageSize: 10 }, context)
  const refused = (t: string, ctx: PageContext = context): unknown => {
    try {
      codec.verify(t, ctx)
      return undefined
    } catch (error) {
      return (error as { status?: number; fields?: { reason?: string }[] }).fields?.[0]?.reason ?? error
    }
  }

  test('forged, truncated, or replayed against another filter, version, list or principal, or expired -> 400 with its reason', () => {
    expect(refused(token)).toBeUndefined()
    expect(refused(`${token.slice(0, 10)}x${token.slice(11)}`)).toBe('signature')
    expect(refused(token.slice(0, -5))).toBe('signature')
    expect(refused(token.split('.')[0]!)).toBe('malformed')
    expect(refused(token, { ...context, query: { environment: 'env-2' } })).toBe('filter_mismatch')
    expect(refused(token, { ...context, apiVersion: 'cmk/v1' })).toBe('version_mismatch')
    expect(refused(token, { ...context, route: 'GET /org/v2/environments' })).toBe('route_mismatch')
    expect(refused(token, { ...context, principal: 'sa-2' })).toBe('principal_mismatch')
    now += 61_000
    expect(refused(token)).toBe('expired')
    now -= 61_000
  })

  test('property: any string as a token -> a 400 reason or the right cursor, never a throw of another kind, no pollution', () => {
    const forged = fc.oneof(
      fc.string({ maxLength: 200 }),
      hostileJson.map((json) => `${Buffer.from(json).toString('base64url')}.${'A'.repeat(43)}`),
    )
    fc.assert(
      fc.property(forged, (t) => {
        const outcome = refused(t)
        expect(typeof outcome === 'string' || outcome === undefined).toBe(true)
        clean()
      }),
      budget(300),
    )
  })
})

describe('CRN parser', () => {
  test('property: CRNs whose types and ids are prototype names -> parsed as data or refused, no pollution', () => {
    const part = fc.oneof(protoKey, fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.string({ maxLength: 8 }))
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { minLength: 1, maxLength: 5 }), (segments) => {
        const input = `crn://confluent.cloud/${segments.map(([t, i]) => `${t}=${i}`).join('/')}`
        const result = safeParseCrn(input)
        if (result.ok) {
          expect(Array.isArray(result.crn.segments)).toBe(true)
          for (const s of result.crn.segments) expect(Object.getPrototypeOf(s)).toBe(Object.prototype)
        }
        clean()
      }),
      budget(300),
    )
  })
})
