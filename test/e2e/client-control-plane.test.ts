import { createClient, type DeprecationNotice, isApiError } from 'strata/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from './start-example.ts'

// strata/client against the control-plane example (the Confluent program) over real sockets: API
// groups with path generations, page tokens, the deprecated cmk/v1, rate limits and a sunset.

const KEY = { id: 'CLIENTKEY', secret: 'client-secret-for-the-e2e-suite-01' }
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any

const groups = {
  '/org': { segment: 'v2' },
  '/iam': { segment: 'v2' },
  '/cmk': { segment: 'v2' },
} as const

describe('control-plane example, today (cmk/v1 deprecated)', () => {
  let cp: RunningExample
  beforeAll(async () => {
    cp = await startExample('control-plane', {
      STRATA_NOW: '2026-12-01T00:00:00Z',
      BOOTSTRAP_API_KEY: `${KEY.id}:${KEY.secret}`,
      RATE_LIMIT_PRINCIPAL: '1000/10',
      CLUSTER_PROVISIONING_SECONDS: '0',
    })
  }, 60_000)
  afterAll(async () => {
    await cp?.stop()
  })

  test('paginate every service account, 3 per page -> all of them once, as many as total_size says', async () => {
    const client = createClient({ baseUrl: cp.url, versionByPrefix: groups, auth: { apiKey: KEY } })
    for (let i = 0; i < 7; i++) await client.post('/iam/service-accounts', { body: { display_name: `sa-${i}` } })
    const pages: Json[] = []
    for await (const page of client.pages('/iam/service-accounts', { query: { page_size: 3 } })) pages.push(page.body)
    const names: string[] = []
    for await (const account of client.paginate('/iam/service-accounts', { query: { page_size: 3 } }))
      names.push((account as Json).display_name)
    expect(pages.map((p) => p.data.length)).toEqual([3, 3, 2])
    expect(names).toHaveLength(pages[0].metadata.total_size)
    expect(new Set(names)).toEqual(new Set(['admin', 'sa-0', 'sa-1', 'sa-2', 'sa-3', 'sa-4', 'sa-5', 'sa-6']))
  })

  test('deprecated /cmk/v1 called three times -> one deprecation event with sunset and successor', async () => {
    const notices: DeprecationNotice[] = []
    const v2 = createClient({ baseUrl: cp.url, versionByPrefix: groups, auth: { apiKey: KEY } })
    const env: Json = (await v2.post('/org/environments', { body: { display_name: 'deprecations' } })).body
    const v1 = createClient({
      baseUrl: cp.url,
      versionByPrefix: { ...groups, '/cmk': { segment: 'v1' } },
      auth: { apiKey: KEY },
      onDeprecation: (notice) => notices.push(notice),
    })
    for (let i = 0; i < 3; i++) {
      const res = await v1.get('/cmk/clusters', { query: { environment: env.id } })
      expect(res.version).toBe('cmk/v1')
    }
    await v2.get('/cmk/clusters', { query: { environment: env.id } })
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatchObject({
      method: 'GET',
      route: '/cmk/clusters',
      version: 'cmk/v1',
      deprecation: new Date('2026-06-01T00:00:00Z'),
      sunset: new Date('2027-06-01T00:00:00Z'),
    })
    expect(notices[0]?.links.successor).toMatch(/cmk\/v2/)
    const strict = createClient({
      baseUrl: cp.url,
      versionByPrefix: { '/cmk': { segment: 'v1' } },
      auth: { apiKey: KEY },
      deprecationsAsErrors: true,
    })
    await expect(strict.get('/cmk/clusters', { query: { environment: env.id } })).rejects.toThrow(
      /deprecated version cmk\/v1/,
    )
  })

  test('update (read-modify-write) an environment with PATCH -> renamed, everything else as read', async () => {
    const client = createClient({ baseUrl: cp.url, versionByPrefix: groups, auth: { apiKey: KEY } })
    const created: Json = (await client.post('/org/environments', { body: { display_name: 'before' } })).body
    const res = await client.update('/org/environments/{id}', () => ({ display_name: 'after' }), {
      params: { id: created.id },
      method: 'PATCH',
    })
    const updated = res.body as Json
    expect(updated).toMatchObject({ id: created.id, display_name: 'after', kind: 'Environment' })
    expect(updated.metadata.resource_name).toBe(created.metadata.resource_name)
  })

  test('a 422 in the envelope -> ApiError with the failed fields', async () => {
    const client = createClient({ baseUrl: cp.url, versionByPrefix: groups, auth: { apiKey: KEY } })
    const error = await client.post('/cmk/clusters', { body: { spec: { cloud: 'MARS' } } }).catch((e: unknown) => e)
    expect(isApiError(error, 422)).toBe(true)
    expect((error as Json).code).toBe('VALIDATION_FAILED')
    expect((error as Json).fields.map((f: Json) => f.field)).toEqual(
      expect.arrayContaining(['spec.display_name', 'spec.cloud']),
    )
    expect((error as Json).requestId).toEqual(expect.any(String))
  })
})

describe('control-plane example, after the cmk/v1 sunset, 5 requests per 2 s', () => {
  let cp: RunningExample
  beforeAll(async () => {
    cp = await startExample('control-plane', {
      STRATA_NOW: '2027-07-01T00:00:00Z',
      BOOTSTRAP_API_KEY: `${KEY.id}:${KEY.secret}`,
      RATE_LIMIT_PRINCIPAL: '5/2',
    })
  }, 60_000)
  afterAll(async () => {
    await cp?.stop()
  })

  test('a burst of 12 requests past the rate limit -> all 200, by waiting as Retry-After / X-RateLimit-Reset say', async () => {
    const statuses: number[] = []
    const observe: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      statuses.push(res.status)
      return res
    }
    const client = createClient({
      baseUrl: cp.url,
      versionByPrefix: groups,
      auth: { apiKey: KEY },
      fetch: observe,
      retry: { limit: 10 },
    })
    const started = Date.now()
    const answers = await Promise.all(Array.from({ length: 12 }, () => client.get('/org/environments')))
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200))
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0)
    // 12 requests at 5 per 2 s need at least two more windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
  }, 60_000)

  test('sunset cmk/v1 -> ApiError 410 naming the latest version v2 and the supported ones', async () => {
    const client = createClient({
      baseUrl: cp.url,
      versionByPrefix: { '/cmk': { segment: 'v1' } },
      auth: { apiKey: KEY },
      retry: { limit: 10 },
    })
    const error = await client.get('/cmk/clusters', { query: { environment: 'env-x' } }).catch((e: unknown) => e)
    expect(isApiError(error, 410)).toBe(true)
    expect(error).toMatchObject({ code: 'VERSION_SUNSET', latestVersion: 'v2', supportedVersions: ['v2'] })
    expect((error as Error).message).toContain('(latest version: v2)')
  }, 30_000)
})
