import { createClient, type DeprecationNotice, isApiError } from 'strata/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from './start-example.ts'

// strata/client against the per-endpoint example (the IP Fabric program): a version per request,
// X-API-Version-Used, Deprecation: true with RFC 3339 Sunset, and the seed's 410 body.

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any
const BASELINE = '0b8a2c2e-7f5d-4c1e-9a3b-5e7d1c2f4a60'
let example: RunningExample
beforeAll(async () => {
  example = await startExample('per-endpoint', { STRATA_NOW: '2026-11-22T00:00:00Z' })
}, 60_000)
afterAll(async () => {
  await example?.stop()
})

const client = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ baseUrl: `${example.url}/api`, version: { header: 'X-API-Version' }, ...extra })

describe('per-endpoint example through strata/client', () => {
  test('devices at version 2 and 3 on the same client -> sn, then serialNumber; version from X-API-Version-Used', async () => {
    const c = client()
    const v2 = await c.get('/devices', { version: '2', query: { limit: 1 } })
    const v3 = await c.get('/devices', { version: '3', query: { limit: 1 } })
    expect([v2.version, v3.version]).toEqual(['2', '3'])
    expect((v2.body as Json).data[0]).toMatchObject({ sn: 'FDO2131R0AB' })
    expect((v3.body as Json).data[0]).toMatchObject({ serialNumber: 'FDO2131R0AB' })
  })

  test('version per path prefix: /devices pinned to 3, other endpoints at their default', async () => {
    const c = client({ versionByPrefix: { '/devices': { header: 'X-API-Version', value: '3' } } })
    const [devices, snapshots] = await Promise.all([c.get('/devices'), c.get('/snapshots')])
    expect([devices.version, snapshots.version]).toEqual(['3', '1'])
  })

  test('X-API-Version 3 on /snapshots/{id} -> ApiError 410 with latestVersion 2 and supported 1,2 from the header', async () => {
    const error = await client()
      .get('/snapshots/{id}', { params: { id: BASELINE }, version: '3' })
      .catch((e: unknown) => e)
    expect(isApiError(error, 410)).toBe(true)
    expect(error).toMatchObject({
      serverMessage: 'Unsupported API version requested.',
      latestVersion: '2',
      supportedVersions: ['1', '2'],
    })
  })

  test('deprecated devices v2 and snapshot v1 -> a notice each (Deprecation: true, RFC 3339 Sunset), once', async () => {
    const notices: DeprecationNotice[] = []
    const c = client({ onDeprecation: (n) => notices.push(n) })
    await c.get('/devices', { version: '2' })
    await c.get('/devices', { version: '2' })
    await c.get('/devices', { version: '3' })
    await c.get('/snapshots/{id}', { params: { id: BASELINE }, version: '1' })
    expect(notices.map((n) => [n.route, n.version, n.deprecation, n.sunset?.toISOString()])).toEqual([
      ['/devices', '2', true, '2027-09-01T00:00:00.000Z'],
      ['/snapshots/{id}', '1', true, '2027-06-01T00:00:00.000Z'],
    ])
  })

  test('the deprecated /api/v7.5 path form -> a notice with the path sunset', async () => {
    const notices: DeprecationNotice[] = []
    await createClient({ baseUrl: `${example.url}/api/v7.5`, onDeprecation: (n) => notices.push(n) }).get('/snapshots')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.sunset?.toISOString()).toBe('2027-02-01T00:00:00.000Z')
  })
})
