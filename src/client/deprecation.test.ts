import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { createClient } from './create-client.ts'
import { type DeprecationNotice, parseDeprecation, parseSunset } from './deprecation.ts'
import { isDeprecationError } from './deprecation-error.ts'
import { parseLinkHeader } from './link-header.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const deprecated = {
  deprecation: '@1780272000',
  sunset: 'Tue, 01 Jun 2027 00:00:00 GMT',
  link: '<https://docs.example.com/cmk/v1>; rel="deprecation", <https://docs.example.com/deprecations>; rel="sunset", <https://docs.example.com/cmk/v2>; rel="successor-version"',
}

describe('parsing', () => {
  test.each([
    ['@1780272000', new Date('2026-06-01T00:00:00Z')],
    ['true', true],
    ['TRUE', true],
    ['Mon, 01 Jun 2026 00:00:00 GMT', new Date('2026-06-01T00:00:00Z')],
    ['false', undefined],
    ['1780272000', undefined],
    ['@soon', undefined],
  ])('Deprecation: %s -> %s', (value, expected) => {
    expect(parseDeprecation(value)).toEqual(expected)
  })

  test.each([
    ['Tue, 01 Jun 2027 00:00:00 GMT', '2027-06-01T00:00:00.000Z'],
    ['2026-02-01T00:00:00Z', '2026-02-01T00:00:00.000Z'],
    ['2026-02-01T01:00:00+01:00', '2026-02-01T00:00:00.000Z'],
    ['2027', undefined],
    ['never', undefined],
  ])('Sunset: %s -> %s', (value, expected) => {
    expect(parseSunset(value)?.toISOString()).toBe(expected)
  })

  test('Link: URLs with commas and semicolons, several rels, unquoted rel, junk between -> each link kept', () => {
    const header =
      '<https://a.example/x?a=1,2;b>; rel="next last", junk, <https://a.example/y>; title="t, u"; rel=prev, <https://z>'
    expect(parseLinkHeader(header)).toEqual([
      { url: 'https://a.example/x?a=1,2;b', rels: ['next', 'last'] },
      { url: 'https://a.example/y', rels: ['prev'] },
    ])
  })

  test('Link: any list of well-formed links -> parsed back to the same urls and rels', () => {
    const url = fc.webUrl().filter((u) => !u.includes('>'))
    const rel = fc.constantFrom('next', 'prev', 'deprecation', 'sunset', 'successor-version')
    fc.assert(
      fc.property(fc.array(fc.record({ url, rels: fc.uniqueArray(rel, { minLength: 1, maxLength: 3 }) })), (links) => {
        const header = links.map((l) => `<${l.url}>; rel="${l.rels.join(' ')}"`).join(', ')
        expect(parseLinkHeader(header)).toEqual(links)
      }),
    )
  })
})

describe('onDeprecation and deprecationsAsErrors', () => {
  test('same route and version three times, another route, another method -> one notice per (method, route, version)', async () => {
    server = await startScriptedServer((_req, res) => sendJson(res, 200, { api_version: 'cmk/v1' }, deprecated))
    const notices: DeprecationNotice[] = []
    const client = createClient({ baseUrl: server.url, onDeprecation: (n) => notices.push(n) })
    for (let i = 0; i < 3; i++) await client.get('/cmk/v1/clusters')
    await client.get('/cmk/v1/clusters/{id}', { params: { id: 'lkc-1' } })
    await client.get('/cmk/v1/clusters/{id}', { params: { id: 'lkc-2' } })
    await client.post('/cmk/v1/clusters', { body: {} })
    expect(notices.map((n) => `${n.method} ${n.route}`)).toEqual([
      'GET /cmk/v1/clusters',
      'GET /cmk/v1/clusters/{id}',
      'POST /cmk/v1/clusters',
    ])
    expect(notices[0]).toMatchObject({
      version: 'cmk/v1',
      deprecation: new Date('2026-06-01T00:00:00Z'),
      sunset: new Date('2027-06-01T00:00:00Z'),
      links: {
        deprecation: 'https://docs.example.com/cmk/v1',
        sunset: 'https://docs.example.com/deprecations',
        successor: 'https://docs.example.com/cmk/v2',
      },
      url: `${server.url}/cmk/v1/clusters`,
    })
  })

  test('IP Fabric style Deprecation: true + RFC 3339 Sunset, per-endpoint versions -> one notice per version used', async () => {
    server = await startScriptedServer((req, res) => {
      const used = String(req.headers['x-api-version'] ?? '1')
      sendJson(res, 200, {}, { 'x-api-version-used': used, deprecation: 'true', sunset: '2026-02-01T00:00:00Z' })
    })
    const notices: DeprecationNotice[] = []
    const client = createClient({
      baseUrl: server.url,
      version: { header: 'X-API-Version' },
      onDeprecation: (n) => notices.push(n),
    })
    await client.get('/api/devices')
    await client.get('/api/devices')
    await client.get('/api/devices', { version: '2' })
    expect(notices.map((n) => [n.version, n.deprecation, n.sunset?.toISOString()])).toEqual([
      ['1', true, '2026-02-01T00:00:00.000Z'],
      ['2', true, '2026-02-01T00:00:00.000Z'],
    ])
  })

  test('deprecationsAsErrors -> DeprecationError on every deprecated response, naming version, sunset and successor', async () => {
    server = await startScriptedServer((req, res) =>
      sendJson(
        res,
        200,
        { api_version: req.url.includes('v1') ? 'cmk/v1' : 'cmk/v2' },
        req.url.includes('v1') ? deprecated : {},
      ),
    )
    const client = createClient({ baseUrl: server.url, deprecationsAsErrors: true })
    for (let i = 0; i < 2; i++) {
      const error = await client.get('/cmk/v1/clusters').catch((e: unknown) => e)
      expect(isDeprecationError(error)).toBe(true)
      expect((error as Error).message).toBe(
        `GET ${server.url}/cmk/v1/clusters is served at deprecated version cmk/v1, sunset 2027-06-01T00:00:00.000Z; successor: https://docs.example.com/cmk/v2`,
      )
    }
    expect((await client.get('/cmk/v2/clusters')).version).toBe('cmk/v2')
  })

  test('no Deprecation or Sunset header -> no notice', async () => {
    server = await startScriptedServer((_req, res) => sendJson(res, 200, {}, { link: '<https://x>; rel="next"' }))
    const notices: DeprecationNotice[] = []
    await createClient({ baseUrl: server.url, onDeprecation: (n) => notices.push(n) }).get('/x')
    expect(notices).toEqual([])
  })
})
