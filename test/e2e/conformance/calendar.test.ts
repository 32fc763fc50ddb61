import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rawExchange } from '../raw-request.ts'
import { type RunningExample, startExample } from '../start-example.ts'
import { adapters, NOW } from './adapters.ts'

// The calendar program's behaviour, written once and run over real sockets against every adapter.
describe.each(adapters)('calendar program on $name', ({ example: name, env }) => {
  let example: RunningExample
  beforeAll(async () => {
    example = await startExample(name, { STRATA_NOW: NOW, ...env })
  }, 60_000)
  afterAll(async () => {
    await example?.stop()
  }, 30_000)

  const call = (path: string, init: RequestInit = {}) => fetch(`${example.url}${path}`, init)
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  const read = async (res: Response): Promise<any> => res.json()
  const json = { 'content-type': 'application/json' }

  describe('calendar example over a real socket', () => {
    let id: number

    test('create with no Cdf-Version -> default 20230101 (deprecated): 200, old field names and types, Deprecation and Sunset', async () => {
      const res = await call('/api/v1/assets', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'pump', source: 'sap' }),
      })
      expect(res.status).toBe(200)
      const body = await read(res)
      id = body.id
      expect(body).toMatchObject({ name: 'pump', source: null, criticality: 'medium' })
      expect(typeof body.createdTime).toBe('number')
      expect(body.title).toBeUndefined()
      expect(res.headers.get('cdf-version')).toBe('20230101')
      expect(res.headers.get('deprecation')).toBe('@1793491200')
      expect(res.headers.get('sunset')).toBe('Mon, 01 Nov 2027 00:00:00 GMT')
      expect(res.headers.get('link')).toContain('rel="successor-version"')
    })

    test('Cdf-Version: 20230205 -> served by 20230201, no deprecation headers', async () => {
      const res = await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20230205' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('cdf-version')).toBe('20230201')
      expect(res.headers.get('deprecation')).toBeNull()
      const body = await read(res)
      expect(body).toMatchObject({ id, name: 'pump' })
      expect('source' in body).toBe(false)
    })

    test('create at 20230201 -> 201 Created (the status changed in that version)', async () => {
      const res = await call('/api/v1/assets', {
        method: 'POST',
        headers: { ...json, 'Cdf-Version': '20230201' },
        body: JSON.stringify({ name: 'spare', externalId: 'spare-1' }),
      })
      expect(res.status).toBe(201)
      expect(await call(`/api/v1/assets/${(await read(res)).id}`, { method: 'DELETE' })).toMatchObject({ status: 204 })
    })

    test('Cdf-Version: 20240601 -> the renamed field title and RFC 3339 times', async () => {
      const res = await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20240601' } })
      const body = await read(res)
      expect(body).toMatchObject({ id, title: 'pump' })
      expect(body.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    })

    test("criticality 'critical' set at head -> stable 20230205 sees 'high', beta 20230205-beta sees 'critical'", async () => {
      const patch = await call(`/api/v1/assets/${id}`, {
        method: 'PATCH',
        headers: { ...json, 'Cdf-Version': '20240601' },
        body: JSON.stringify({ criticality: 'critical' }),
      })
      expect(patch.status).toBe(200)
      const stable = await read(await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20230205' } }))
      const beta = await read(await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20230205-beta' } }))
      expect([stable.criticality, beta.criticality]).toEqual(['high', 'critical'])
    })

    test("old client sends criticality 'critical' (unknown in its version) -> 422 naming criticality", async () => {
      const res = await call(`/api/v1/assets/${id}`, {
        method: 'PATCH',
        headers: { ...json, 'Cdf-Version': '20230101' },
        body: JSON.stringify({ criticality: 'critical' }),
      })
      expect(res.status).toBe(422)
      expect((await read(res)).error.fields.map((f: { field: string }) => f.field)).toEqual(['criticality'])
    })

    test('Cdf-Version: 20230205-beta -> the beta version 20230203-beta, supported list shows beta', async () => {
      const res = await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20230205-beta' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('cdf-version')).toBe('20230203-beta')
      expect(res.headers.get('cdf-versions-supported')).toBe('20230101, 20230201, 20230203-beta, 20240601')
    })

    test('sunset date 20220601 -> 410 naming the newest version and the header to send', async () => {
      const res = await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20220601' } })
      expect(res.status).toBe(410)
      expect(await read(res)).toEqual({
        error: {
          code: 410,
          message: 'API version 20220101 was sunset on 2024-01-01 and is no longer served',
          type: 'VERSION_SUNSET',
          suggestion: 'Upgrade to 20240601, the newest supported version: send Cdf-Version: 20240601',
          requestedVersion: '20220101',
          latestVersion: '20240601',
          supportedVersions: ['20230101', '20230201', '20240601'],
        },
      })
    })

    test.each(['garbage', '2023-02-30', '20230205-gamma'])(
      'Cdf-Version: %s -> 400 with the expected form',
      async (value) => {
        const res = await call('/api/v1/assets', { headers: { 'Cdf-Version': value } })
        expect(res.status).toBe(400)
        const body = await read(res)
        expect(body.error.type).toBe('VERSION_MALFORMED')
        expect(body.error.message).toContain('expected a date such as 20230205')
      },
    )

    test('date before the first version -> 410 VERSION_UNKNOWN', async () => {
      const res = await call('/api/v1/assets', { headers: { 'Cdf-Version': '20100101' } })
      expect([res.status, (await read(res)).error.type]).toEqual([410, 'VERSION_UNKNOWN'])
    })

    test('playground -> head (title), reported as playground, Cdf-Version ignored', async () => {
      const res = await call(`/api/playground/assets/${id}`, { headers: { 'Cdf-Version': '20230101' } })
      expect(res.headers.get('cdf-version')).toBe('playground')
      expect(await read(res)).toMatchObject({ title: 'pump' })
    })

    test('update at head, read back at the old version -> the new value under the old name', async () => {
      const res = await call(`/api/v1/assets/${id}`, {
        method: 'PATCH',
        headers: { ...json, 'Cdf-Version': '20240601' },
        body: JSON.stringify({ title: 'big pump' }),
      })
      expect(res.status).toBe(200)
      const old = await call(`/api/v1/assets/${id}`, { headers: { 'Cdf-Version': '20230101' } })
      expect(await read(old)).toMatchObject({ name: 'big pump' })
    })

    test('create at head without the required title -> 422 naming title; at an old version -> naming name', async () => {
      const head = await call('/api/v1/assets', {
        method: 'POST',
        headers: { ...json, 'Cdf-Version': '20240601' },
        body: JSON.stringify({ name: 'x' }),
      })
      expect(head.status).toBe(422)
      expect((await read(head)).error.fields).toEqual([
        { field: 'title', message: "must have required property 'title'", reason: 'required' },
      ])
      const old = await call('/api/v1/assets', { method: 'POST', headers: json, body: JSON.stringify({ title: 'x' }) })
      expect((await read(old)).error.fields).toEqual([
        { field: 'name', message: "must have required property 'name'", reason: 'required' },
      ])
    })

    test('list with a page size of 1 (size= at 20230101, limit= from 20230201) -> one item and a cursor to the next', async () => {
      await call('/api/v1/assets', { method: 'POST', headers: json, body: JSON.stringify({ name: 'valve' }) })
      const first = await read(await call('/api/v1/assets?size=1'))
      expect(first.items).toHaveLength(1)
      const second = await read(await call(`/api/v1/assets?size=1&cursor=${first.nextCursor}`))
      expect(second.items[0].name).toBe('valve')
      const head = await read(await call('/api/v1/assets?limit=1', { headers: { 'Cdf-Version': '20240601' } }))
      expect(head.items).toHaveLength(1)
      expect(head.items[0]).toHaveProperty('title')
    })

    test('error for an old client -> no suggestion (added in 20230201); for a newer one -> with suggestion', async () => {
      const old = await read(await call('/api/v1/assets/999999'))
      const newer = await read(await call('/api/v1/assets/999999', { headers: { 'Cdf-Version': '20230201' } }))
      expect(old.error.suggestion).toBeUndefined()
      expect(newer.error.suggestion).toBe('List assets to find an existing id')
    })

    test('bad input: unknown asset, non-numeric id, invalid JSON, huge body -> 404, 422, 400, 413 in the envelope', async () => {
      expect((await call('/api/v1/assets/999999')).status).toBe(404)
      expect((await call('/api/v1/assets/abc')).status).toBe(422)
      expect((await call('/api/v1/assets', { method: 'POST', headers: json, body: '{"name":' })).status).toBe(400)
      // Over a raw socket: the server may answer 413 and close before the 2 MB are sent (EPIPE for fetch).
      const body = JSON.stringify({ name: 'x', description: 'y'.repeat(2_000_000) })
      const huge = await rawExchange(
        example.url,
        `POST /api/v1/assets HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`,
        body,
      )
      expect([huge.status, huge.body.error.type]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    })

    test('delete -> 204, then 404', async () => {
      expect((await call(`/api/v1/assets/${id}`, { method: 'DELETE' })).status).toBe(204)
      expect((await call(`/api/v1/assets/${id}`)).status).toBe(404)
    })
  })

  describe('calendar example process', () => {
    test('SIGTERM -> exits 0; restarted on the same data folder -> the data is still there', async () => {
      const first = await startExample(name, { STRATA_NOW: NOW })
      await fetch(`${first.url}/api/v1/assets`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'kept' }),
      })
      expect(await first.stop()).toBe(0)
      const second = await startExample(name, { STRATA_NOW: NOW }, first.dataDir)
      const list = await read(await fetch(`${second.url}/api/v1/assets`))
      expect(list.items.map((a: { name: string }) => a.name)).toEqual(['kept'])
      expect(await second.stop()).toBe(0)
    }, 90_000) // two example processes start and stop in turn

    test('unknown example name -> exit 2 with the list of examples', async () => {
      await expect(startExample('nope')).rejects.toThrow(/Unknown example 'nope'. Available: .*calendar/)
    })
  })
})
