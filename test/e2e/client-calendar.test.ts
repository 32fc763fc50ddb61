import { createClient, type DeprecationNotice, isApiError } from 'strata/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from './start-example.ts'

// strata/client against the calendar example (the Cognite program): Cdf-Version pins, the default
// deprecated version, cursor pagination and the Cognite error body.

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any
let example: RunningExample
beforeAll(async () => {
  example = await startExample('calendar', { STRATA_NOW: '2026-12-01T00:00:00Z' })
}, 60_000)
afterAll(async () => {
  await example?.stop()
})

const at = (date: string, extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ baseUrl: `${example.url}/api/v1`, version: { header: 'Cdf-Version', value: date }, ...extra })

describe('calendar example through strata/client', () => {
  test('one asset read at two pinned versions -> name at 20230205 (served by 20230201), title at 20240601', async () => {
    const created: Json = (await at('20240601').post('/assets', { body: { title: 'pump', externalId: 'pump-1' } })).body
    const old = await at('20230205').get('/assets/{id}', { params: { id: created.id } })
    const now = await at('20240601').get('/assets/{id}', { params: { id: created.id } })
    expect([old.version, now.version]).toEqual(['20230201', '20240601'])
    expect(old.body).toMatchObject({ id: created.id, name: 'pump' })
    expect((old.body as Json).title).toBeUndefined()
    expect(typeof (old.body as Json).createdTime).toBe('number')
    expect(now.body).toMatchObject({ id: created.id, title: 'pump' })
    expect((now.body as Json).name).toBeUndefined()
  })

  test('no Cdf-Version (the default, deprecated 20230101) -> one notice for repeated reads, with its Sunset', async () => {
    const notices: DeprecationNotice[] = []
    // A placement without a value sends no header; the server's echo of Cdf-Version names the default.
    const client = createClient({
      baseUrl: `${example.url}/api/v1`,
      version: { header: 'Cdf-Version' },
      onDeprecation: (n) => notices.push(n),
    })
    for (let i = 0; i < 3; i++) expect((await client.get('/assets', { query: { size: 1 } })).version).toBe('20230101')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({ version: '20230101', sunset: new Date('2027-11-01T00:00:00Z') })
    expect(notices[0]?.deprecation).toEqual(new Date('2026-11-01T00:00:00Z'))
  })

  test('paginate with limit 1 -> follows nextCursor to every asset', async () => {
    const client = at('20240601')
    for (const title of ['a', 'b', 'c']) await client.post('/assets', { body: { title } })
    const all: Json[] = []
    for await (const asset of client.paginate('/assets', { query: { limit: 1 } })) all.push(asset)
    const listed: Json = (await client.get('/assets', { query: { limit: 1000 } })).body
    expect(all.map((a) => a.id)).toEqual(listed.items.map((a: Json) => a.id))
    expect(all.length).toBeGreaterThanOrEqual(3)
  })

  test('sunset 20220601 -> ApiError 410 from the Cognite body: VERSION_SUNSET, latest 20240601, supported list', async () => {
    const error = await at('20220601')
      .get('/assets')
      .catch((e: unknown) => e)
    expect(isApiError(error, 410)).toBe(true)
    expect(error).toMatchObject({
      code: 'VERSION_SUNSET',
      latestVersion: '20240601',
      supportedVersions: ['20230101', '20230201', '20240601'],
      suggestion: 'Upgrade to 20240601, the newest supported version: send Cdf-Version: 20240601',
    })
  })

  test('beta channel 20230205-beta -> criticality critical readable, stable sees high', async () => {
    const created: Json = (await at('20240601').post('/assets', { body: { title: 'valve' } })).body
    await at('20240601').patch('/assets/{id}', { params: { id: created.id }, body: { criticality: 'critical' } })
    const beta = await at('20230205-beta').get('/assets/{id}', { params: { id: created.id } })
    const stable = await at('20230205').get('/assets/{id}', { params: { id: created.id } })
    expect([(beta.body as Json).criticality, (stable.body as Json).criticality]).toEqual(['critical', 'high'])
    expect(beta.version).toBe('20230203-beta')
  })
})
