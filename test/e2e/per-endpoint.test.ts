import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RawInit, type RawReply, rawRequest } from './raw-request.ts'
import { type RunningExample, startExample } from './start-example.ts'

// One process per instant: "today" (2026-11-22), before the devices v1 sunset, at the legacy-path sunset,
// and before any deprecation. STRATA_NOW pins each clock.
const at = {
  today: '2026-11-22T00:00:00Z',
  january: '2026-01-15T00:00:00Z',
  legacySunset: '2027-02-01T00:00:00Z',
  beforeDeprecation: '2025-06-30T00:00:00Z',
} as const
type Instant = keyof typeof at
const running: Partial<Record<Instant, RunningExample>> = {}

beforeAll(async () => {
  await Promise.all(
    (Object.keys(at) as Instant[]).map(async (name) => {
      running[name] = await startExample('per-endpoint', { STRATA_NOW: at[name] })
    }),
  )
}, 60_000)
afterAll(async () => {
  await Promise.all(Object.values(running).map((r) => r.stop()))
})

type Reply = RawReply
const call = (path: string, init: RawInit = {}, when: Instant = 'today'): Promise<Reply> =>
  rawRequest(running[when]!.url, path, init)

const v = (version: string) => ({ headers: { 'X-API-Version': version } })
const tracking = (r: Reply) => [
  r.headers['x-api-versions-supported'],
  r.headers['x-api-version-used'],
  r.headers['x-product-version'],
]
const deprecation = (r: Reply) => [r.headers.deprecation, r.headers.sunset]
const refusal = (apiVersion: string) => ({
  message: 'Unsupported API version requested.',
  release_version: '7.5.0+1',
  api_version: apiVersion,
})
const BASELINE = '0b8a2c2e-7f5d-4c1e-9a3b-5e7d1c2f4a60'

describe('seed curl examples', () => {
  test('GET /api/snapshots with Accept and X-API-Version: 1 -> 200, supported 1, used 1, product v7.5, no deprecation', async () => {
    const r = await call('/api/snapshots', { headers: { Accept: 'application/json', 'X-API-Version': '1' } })
    expect(r.status).toBe(200)
    expect(tracking(r)).toEqual(['1', '1', 'v7.5'])
    expect(deprecation(r)).toEqual([undefined, undefined])
    expect(r.body.data.map((s: { id: string }) => s.id)).toContain(BASELINE)
  })

  test('deprecated GET /api/v7.5/snapshots -> the same payload as /api/snapshots, plus Deprecation: true and Sunset', async () => {
    const [legacy, current] = await Promise.all([call('/api/v7.5/snapshots'), call('/api/snapshots')])
    expect(legacy.status).toBe(200)
    expect(legacy.body).toEqual(current.body)
    expect(deprecation(legacy)).toEqual(['true', '2027-02-01T00:00:00Z'])
    expect(tracking(legacy)).toEqual(['1', '1', 'v7.5'])
    expect(deprecation(current)).toEqual([undefined, undefined])
  })

  test('the 410 body of the seed, exactly: X-API-Version: 3 on /api/snapshots/{id} (latest 2)', async () => {
    const r = await call(`/api/snapshots/${BASELINE}`, v('3'))
    expect(r.status).toBe(410)
    expect(r.body).toStrictEqual(refusal('2'))
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8')
  })
})

describe('per-endpoint versions and defaults', () => {
  test.each([
    ['GET', '/api/snapshots', '1', '1'],
    ['GET', `/api/snapshots/${BASELINE}`, '1,2', '1'],
    ['GET', '/api/devices', '2,3', '2'],
    ['GET', '/api/inventory/interfaces', '1,2', '1'],
    ['DELETE', '/api/snapshots/missing', '1', '1'],
  ])(
    '%s %s without X-API-Version -> supported %s, the oldest supported (%s) used',
    async (method, path, supported, used) => {
      const r = await call(path, { method })
      expect([r.headers['x-api-versions-supported'], r.headers['x-api-version-used']]).toEqual([supported, used])
      expect(r.headers['x-product-version']).toBe('v7.5')
    },
  )

  test('devices on 2026-01-15 (v1 not yet sunset) -> supported 1,2,3 and default 1, deprecated with the v1 sunset', async () => {
    const r = await call('/api/devices', {}, 'january')
    expect(tracking(r)).toEqual(['1,2,3', '1', 'v7.5'])
    expect(deprecation(r)).toEqual(['true', '2026-02-01T00:00:00Z'])
  })
})

describe('breaking changes through the ledger', () => {
  test('renamed parameter: devices v1 filters by site, v2 by siteName; the other name is ignored', async () => {
    const v1 = await call('/api/devices?site=HQ', v('1'), 'january')
    const v2 = await call('/api/devices?siteName=HQ', v('2'))
    const v2Old = await call('/api/devices?site=HQ', v('2'))
    expect([v1.status, v1.body._meta.count, v2.body._meta.count, v2Old.body._meta.count]).toEqual([200, 2, 2, 5])
  })

  test('renamed response field: devices v2 carry sn, v3 serialNumber', async () => {
    const [v2, v3] = await Promise.all([call('/api/devices?limit=1', v('2')), call('/api/devices?limit=1', v('3'))])
    expect(v2.body.data[0]).toMatchObject({ hostname: 'hq-core-01', sn: 'FDO2131R0AB' })
    expect(v2.body.data[0].serialNumber).toBeUndefined()
    expect(v3.body.data[0]).toMatchObject({ hostname: 'hq-core-01', serialNumber: 'FDO2131R0AB' })
    expect(v3.body.data[0].sn).toBeUndefined()
  })

  test('removed response field: snapshot v1 still has fromArchive (false), v2 has none', async () => {
    const [v1, v2] = await Promise.all([
      call(`/api/snapshots/${BASELINE}`, v('1')),
      call(`/api/snapshots/${BASELINE}`, v('2')),
    ])
    expect(v1.body).toMatchObject({ id: BASELINE, name: 'baseline', fromArchive: false })
    expect('fromArchive' in v2.body).toBe(false)
    expect(v2.body).toMatchObject({ id: BASELINE, deviceCount: 5, interfaceCount: 11 })
  })

  test('changed type: interface speed is a label in v1 (10G, null) and bits per second in v2', async () => {
    const q = '/api/inventory/interfaces?hostname=l71-fw-01'
    const [v1, v2] = await Promise.all([call(q, v('1')), call(q, v('2'))])
    expect(v1.body.data.map((i: { speed: unknown }) => i.speed)).toEqual(['10G', null])
    expect(v2.body.data.map((i: { speed: unknown }) => i.speed)).toEqual([10_000_000_000, null])
  })
})

describe('410 Gone for every unsupported, malformed or sunset version', () => {
  test.each([
    ['abc'],
    ['-1'],
    ['1.5'],
    ['99999999999999999999'],
    [''],
    ['0'],
    ['01'],
    ['4'],
    ['1'], // sunset on 2026-02-01
    ['2 3'],
  ])('devices with X-API-Version %j -> 410, the seed body naming 3, tracking headers', async (value) => {
    const r = await call('/api/devices', v(value))
    expect(r.status).toBe(410)
    expect(r.body).toStrictEqual(refusal('3'))
    expect(tracking(r)).toEqual(['2,3', '3', 'v7.5'])
  })

  test('repeated X-API-Version headers that disagree (1 and 2) -> 410 naming the latest', async () => {
    const r = await call('/api/inventory/interfaces', { headers: { 'X-API-Version': ['1', '2'] } })
    expect([r.status, r.body]).toEqual([410, refusal('2')])
  })

  test('repeated X-API-Version headers that agree (2 and 2) -> served at 2', async () => {
    const r = await call('/api/inventory/interfaces', { headers: { 'X-API-Version': ['2', '2'] } })
    expect([r.status, r.headers['x-api-version-used']]).toEqual([200, '2'])
  })

  test('X-API-Version: 2 on an endpoint that never changed (snapshots list) -> 410 naming 1', async () => {
    const r = await call('/api/snapshots', { method: 'POST', body: { name: 'x' }, ...v('2') })
    expect([r.status, r.body]).toEqual([410, refusal('1')])
  })

  test('a version header with surrounding spaces ( 2 ) -> served at 2', async () => {
    expect((await call('/api/devices', v(' 2 '))).headers['x-api-version-used']).toBe('2')
  })
})

describe('deprecated endpoint versions', () => {
  test('devices v2 -> 200 with Deprecation: true and its RFC 3339 Sunset; v3 -> neither', async () => {
    const [v2, v3] = await Promise.all([call('/api/devices', v('2')), call('/api/devices', v('3'))])
    expect([v2.status, ...deprecation(v2)]).toEqual([200, 'true', '2027-09-01T00:00:00Z'])
    expect([v3.status, ...deprecation(v3)]).toEqual([200, undefined, undefined])
  })

  test('snapshot v1 -> Deprecation: true, Sunset 2027-06-01T00:00:00Z; before 2025-07-01 devices v1 carries none', async () => {
    expect(deprecation(await call(`/api/snapshots/${BASELINE}`, v('1')))).toEqual(['true', '2027-06-01T00:00:00Z'])
    expect(deprecation(await call('/api/devices', v('1'), 'beforeDeprecation'))).toEqual([undefined, undefined])
  })
})

describe('the deprecated /api/v7.x path form', () => {
  test('/api/v7.3/devices?siteName=HQ -> served like /api/devices, with Deprecation and the path sunset', async () => {
    const r = await call('/api/v7.3/devices?siteName=HQ', v('3'))
    expect([r.status, r.body._meta.count, ...tracking(r)]).toEqual([200, 2, '2,3', '3', 'v7.5'])
    expect(deprecation(r)).toEqual(['true', '2027-02-01T00:00:00Z'])
  })

  test('legacy path at a deprecated version whose own sunset is later (devices v2, 2027-09-01) -> the earlier path sunset', async () => {
    expect(deprecation(await call('/api/v7.5/devices', v('2')))).toEqual(['true', '2027-02-01T00:00:00Z'])
  })

  test('create, read and delete through /api/v7.5 -> the same behaviour as /api', async () => {
    const created = await call('/api/v7.5/snapshots', { method: 'POST', body: { name: 'legacy', sites: ['L71'] } })
    expect([created.status, created.body.deviceCount, created.headers.deprecation]).toEqual([201, 1, 'true'])
    const read = await call(`/api/v7.5/snapshots/${created.body.id}`, v('2'))
    expect([read.status, read.body.name]).toEqual([200, 'legacy'])
    expect((await call(`/api/v7.5/snapshots/${created.body.id}`, { method: 'DELETE' })).status).toBe(204)
  })

  test('legacy path with a malformed version -> 410 seed body, still with Deprecation and Sunset', async () => {
    const r = await call('/api/v7.5/devices', v('abc'))
    expect([r.status, r.body, ...deprecation(r)]).toEqual([410, refusal('3'), 'true', '2027-02-01T00:00:00Z'])
  })

  test('/api/v8.0/snapshots is not a legacy form -> 404 with tracking headers', async () => {
    const r = await call('/api/v8.0/snapshots')
    expect([r.status, r.body.code, ...tracking(r)]).toEqual([404, 'NOT_FOUND', '1', '1', 'v7.5'])
  })

  test('on its sunset date (2027-02-01) -> 410 naming the endpoint latest; /api/snapshots keeps working', async () => {
    const [legacy, devices, current] = await Promise.all([
      call('/api/v7.5/snapshots', {}, 'legacySunset'),
      call('/api/v7.5/devices', v('3'), 'legacySunset'),
      call('/api/snapshots', {}, 'legacySunset'),
    ])
    expect([legacy.status, legacy.body, ...tracking(legacy)]).toEqual([410, refusal('1'), '1', '1', 'v7.5'])
    expect([devices.status, devices.body]).toEqual([410, refusal('3')])
    expect([current.status, ...deprecation(current)]).toEqual([200, undefined, undefined])
  })

  test('before the deprecation (2025-06-30) -> served without Deprecation or Sunset', async () => {
    const r = await call('/api/v7.5/snapshots', {}, 'beforeDeprecation')
    expect([r.status, ...deprecation(r)]).toEqual([200, undefined, undefined])
  })
})

describe('errors carry the tracking headers', () => {
  test('unknown snapshot at v2 -> 404 with supported 1,2, used 2 and the product version', async () => {
    const r = await call('/api/snapshots/nope', v('2'))
    expect([r.status, r.body, ...tracking(r)]).toEqual([
      404,
      { code: 'NOT_FOUND', message: 'Snapshot nope does not exist' },
      '1,2',
      '2',
      'v7.5',
    ])
  })

  test('limit=0 on interfaces -> 422 naming limit, with tracking headers', async () => {
    const r = await call('/api/inventory/interfaces?limit=0')
    expect([r.status, r.body.errors[0].field, ...tracking(r)]).toEqual([422, 'limit', '1,2', '1', 'v7.5'])
  })

  test('deleting a locked snapshot -> 409 with tracking headers', async () => {
    const created = await call('/api/snapshots', { method: 'POST', body: { name: 'keep', locked: true } })
    const r = await call(`/api/snapshots/${created.body.id}`, { method: 'DELETE' })
    expect([r.status, r.body.code, ...tracking(r)]).toEqual([409, 'CONFLICT', '1', '1', 'v7.5'])
  })
})

describe('snapshots, devices and interfaces in SQLite', () => {
  test('unknown body fields, query parameters and headers -> ignored; the snapshot persists until deleted', async () => {
    const created = await call('/api/snapshots?color=blue', {
      method: 'POST',
      headers: { 'X-Unknown-Header': 'yes' },
      body: { name: 'nightly', note: 'cron', sites: ['HQ', 'L35'], color: 'blue' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: 'nightly', note: 'cron', state: 'loaded', deviceCount: 4 })
    expect(created.body.color).toBeUndefined()
    const id = created.body.id as string
    const devices = await call(`/api/devices?snapshot=${id}&vendor=cisco`, v('3'))
    expect(devices.body.data.map((d: { hostname: string }) => d.hostname)).toEqual(['hq-core-01', 'hq-core-02'])
    const list = await call('/api/snapshots')
    expect(list.body.data[0]).toMatchObject({ id, name: 'nightly' })
    expect((await call(`/api/snapshots/${id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await call(`/api/snapshots/${id}`)).status).toBe(404)
  })

  test('devices paging -> limit and offset in _meta, count of all matches', async () => {
    const r = await call(`/api/devices?snapshot=${BASELINE}&limit=2&offset=2`, v('3'))
    expect(r.body._meta).toEqual({ count: 5, limit: 2, offset: 2 })
    expect(r.body.data.map((d: { hostname: string }) => d.hostname)).toEqual(['l35-edge-01', 'l35-sw-01'])
  })
})
