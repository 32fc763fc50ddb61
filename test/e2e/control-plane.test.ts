import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeWithPostgres } from '../services/postgres.ts'
import { type RunningExample, startExample } from './start-example.ts'

// The control-plane example (the Confluent program) over a real socket, once on SQLite and once on
// PostgreSQL: the same requests, the same shapes. The lifecycle clock is pinned so cmk/v1 stays
// deprecated (sunset 2027-06-01) whenever the suite runs.

const NOW = '2026-12-01T00:00:00Z'
const ADMIN = 'ADMINKEY'
const ADMIN_SECRET = 'admin-secret-for-the-e2e-suite-0123'
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any

/** Database settings for one example start: nothing for SQLite, a fresh database for PostgreSQL. */
type Backend = (name: string) => Promise<Record<string, string>>

function controlPlaneSuite(backend: Backend): void {
  let cp: RunningExample
  const auth = { authorization: basic(ADMIN, ADMIN_SECRET) }
  const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(path.startsWith('http') ? path : `${cp.url}${path}`, { ...init, headers: { ...auth, ...init.headers } })
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })
  let env: string

  beforeAll(async () => {
    cp = await startExample('control-plane', {
      ...(await backend('main')),
      STRATA_NOW: NOW,
      BOOTSTRAP_API_KEY: `${ADMIN}:${ADMIN_SECRET}`,
      EARLY_ACCESS_GRANTS: ADMIN,
      RATE_LIMIT_PRINCIPAL: '1000/10',
      RATE_LIMIT_IP: '1000/10',
      CLUSTER_PROVISIONING_SECONDS: '1',
      CLUSTER_QUOTA_PER_ENVIRONMENT: '6',
    })
    env = ((await (await send('POST', '/org/v2/environments', { display_name: 'dev' })).json()) as Json).id
  }, 60_000)
  afterAll(async () => {
    await cp?.stop()
  })

  test('create environment with the bootstrap key -> 201, object model, CRN, unknown fields ignored', async () => {
    const res = await send('POST', '/org/v2/environments', { display_name: 'prod', color: 'red' }, { 'x-future': '1' })
    expect(res.status).toBe(201)
    const body: Json = await res.json()
    expect(body).toMatchObject({ api_version: 'org/v2', kind: 'Environment', display_name: 'prod' })
    expect(body.id).toMatch(/^env-/)
    expect(body.color).toBeUndefined()
    expect(body.metadata.self).toBe(`${cp.url}/org/v2/environments/${body.id}`)
    expect(body.metadata.resource_name).toMatch(
      new RegExp(`^crn://confluent\\.cloud/organization=[0-9a-f-]{36}/environment=${body.id}$`),
    )
    expect(res.headers.get('location')).toBe(body.metadata.self)
  })

  test('create cluster at cmk/v2 -> 202 PROVISIONING, then RUNNING without further action', async () => {
    const spec = { display_name: 'orders', cloud: 'AWS', region: 'us-west-2', environment: { id: env } }
    const res = await send('POST', '/cmk/v2/clusters', { spec })
    expect(res.status).toBe(202)
    const created: Json = await res.json()
    expect(created).toMatchObject({ api_version: 'cmk/v2', kind: 'Cluster', spec: { display_name: 'orders' } })
    expect(created.status).toEqual({ phase: 'PROVISIONING' })
    expect(created.metadata.resource_name).toMatch(
      /\/environment=env-[a-z0-9]+\/cloud-cluster=lkc-[a-z0-9]+\/kafka=lkc-/,
    )
    let phase = created.status.phase
    for (let i = 0; i < 30 && phase !== 'RUNNING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      phase = ((await (await call(`/cmk/v2/clusters/${created.id}`)).json()) as Json).status.phase
    }
    expect(phase).toBe('RUNNING')
    const patched = await send('PATCH', `/cmk/v2/clusters/${created.id}`, { spec: { display_name: 'orders-2' } })
    expect(((await patched.json()) as Json).spec.display_name).toBe('orders-2')
  })

  test('environment at its cluster quota (6) -> the 7th create is 402 QUOTA_EXCEEDED with quota, limit and used', async () => {
    const full: Json = await (await send('POST', '/org/v2/environments', { display_name: 'quota' })).json()
    const spec = (i: number) => ({
      display_name: `q${i}`,
      cloud: 'AWS',
      region: 'us-east-1',
      environment: { id: full.id },
    })
    for (let i = 0; i < 6; i++) expect((await send('POST', '/cmk/v2/clusters', { spec: spec(i) })).status).toBe(202)
    const refused = await send('POST', '/cmk/v2/clusters', { spec: spec(6) })
    expect(refused.status).toBe(402)
    const body: Json = await refused.json()
    expect(body).toMatchObject({
      status: '402',
      error: { code: 'QUOTA_EXCEEDED', quota: 'clusters_per_environment', limit: 6, used: 6 },
    })
    expect(body.error.suggestion).toContain('Delete a cluster')
    const listed: Json = await (await call(`/cmk/v2/clusters?environment=${full.id}`)).json()
    expect(listed.metadata.total_size).toBe(6)
  })

  test('path with an invalid percent-encoding -> 400 INVALID_REQUEST in the envelope, with X-Request-Id', async () => {
    const res = await call('/org/v2/environments/%E0%A4%A')
    expect(res.status).toBe(400)
    const body: Json = await res.json()
    expect(body).toMatchObject({ status: '400', error: { code: 'INVALID_REQUEST' } })
    expect(body.error.message).toContain('percent-encoding')
    expect(res.headers.get('x-request-id')).toBe(body.requestId)
  })

  test('X-Request-Id: well-formed one kept, malformed one replaced by a UUIDv7, distinct per request', async () => {
    const kept = await call('/org/v2/environments', { headers: { 'x-request-id': 'trace-42.a' } })
    expect(kept.headers.get('x-request-id')).toBe('trace-42.a')
    const replaced = await call('/org/v2/environments/env-none', { headers: { 'x-request-id': 'x'.repeat(201) } })
    const id = replaced.headers.get('x-request-id')
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(((await replaced.json()) as Json).requestId).toBe(id)
    expect((await call('/org/v2/environments')).headers.get('x-request-id')).not.toBe(id)
  })

  test('list of 5 clusters, page_size=2 -> pages of 2, 2, 1 via metadata.next and Link, total_size 5, prev back', async () => {
    const other: Json = await (await send('POST', '/org/v2/environments', { display_name: 'paging' })).json()
    for (let i = 0; i < 5; i++) {
      const spec = { display_name: `c${i}`, cloud: 'GCP', region: 'europe-west1', environment: { id: other.id } }
      expect((await send('POST', '/cmk/v2/clusters', { spec })).status).toBe(202)
    }
    const first = await call(`/cmk/v2/clusters?environment=${other.id}&page_size=2&unknown=1`)
    const page1: Json = await first.json()
    expect(page1).toMatchObject({ api_version: 'cmk/v2', kind: 'ClusterList', metadata: { total_size: 5 } })
    expect(page1.data.map((c: Json) => c.spec.display_name)).toEqual(['c0', 'c1'])
    expect(first.headers.get('link')).toContain(`<${page1.metadata.next}>; rel="next"`)
    expect(page1.metadata.prev).toBeUndefined()
    const page2: Json = await (await call(page1.metadata.next)).json()
    expect(page2.data.map((c: Json) => c.spec.display_name)).toEqual(['c2', 'c3'])
    const page3: Json = await (await call(page2.metadata.next)).json()
    expect([page3.data.length, page3.metadata.next]).toEqual([1, undefined])
    const back: Json = await (await call(page3.metadata.prev)).json()
    expect(back.data.map((c: Json) => c.spec.display_name)).toEqual(['c2', 'c3'])
    const last: Json = await (await call(page1.metadata.last)).json()
    expect(last.data.map((c: Json) => c.spec.display_name)).toEqual(['c3', 'c4'])
  })

  test('page_token tampered, for another filter, or for another generation -> 400 naming page_token', async () => {
    const page: Json = await (await call(`/cmk/v2/clusters?environment=${env}&page_size=1`)).json()
    const token = new URL(page.metadata.last).searchParams.get('page_token') ?? ''
    const tampered = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`
    for (const path of [
      `/cmk/v2/clusters?environment=${env}&page_token=${tampered}`,
      `/cmk/v2/clusters?environment=env-other&page_token=${token}`,
      `/cmk/v1/clusters?environment=${env}&page_token=${token}`,
    ]) {
      const res = await call(path)
      expect(res.status).toBe(400)
      expect(((await res.json()) as Json).error).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'page_token' }],
      })
    }
  })

  test('deprecated cmk/v1 -> served from head with spec.name, api_version cmk/v1, Deprecation, Sunset and Link', async () => {
    const spec = { name: 'legacy', cloud: 'AZURE', region: 'westeurope', environment: { id: env } }
    const res = await send('POST', '/cmk/v1/clusters', { spec })
    expect(res.status).toBe(201)
    const created: Json = await res.json()
    expect(created).toMatchObject({ api_version: 'cmk/v1', kind: 'Cluster', spec: { name: 'legacy' } })
    expect(created.spec.display_name).toBeUndefined()
    const got = await call(`/cmk/v1/clusters/${created.id}`)
    expect(got.headers.get('sunset')).toBe('Tue, 01 Jun 2027 00:00:00 GMT')
    expect(got.headers.get('deprecation')).toBe('@1780272000')
    expect(got.headers.get('link')).toContain('rel="successor-version"')
    expect(((await got.json()) as Json).metadata.self).toBe(`${cp.url}/cmk/v1/clusters/${created.id}`)
    const head: Json = await (await call(`/cmk/v2/clusters/${created.id}`)).json()
    expect([head.spec.display_name, (await call(`/cmk/v2/clusters/${created.id}`)).headers.get('sunset')]).toEqual([
      'legacy',
      null,
    ])
  })

  test('early-access networking/v1: granted key -> 200; a new service account key -> 404 as if absent', async () => {
    expect((await call(`/networking/v1/networks?environment=${env}`)).status).toBe(200)
    const account: Json = await (await send('POST', '/iam/v2/service-accounts', { display_name: 'ci' })).json()
    const key: Json = await (await send('POST', '/iam/v2/api-keys', { spec: { owner: { id: account.id } } })).json()
    const asCi = { authorization: basic(key.id, key.spec.secret) }
    expect((await call('/org/v2/environments', { headers: asCi })).status).toBe(200)
    const denied = await call(`/networking/v1/networks?environment=${env}`, { headers: asCi })
    expect(denied.status).toBe(404)
    expect(((await denied.json()) as Json).error.code).toBe('NOT_FOUND')
    expect((await call(`/iam/v2/service-accounts/${account.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await call('/org/v2/environments', { headers: asCi })).status).toBe(401)
  })

  test('errors 401/404/405/413/422 -> the envelope, and problem+json when asked', async () => {
    const unauth = await fetch(`${cp.url}/org/v2/environments`)
    expect(unauth.status).toBe(401)
    expect(unauth.headers.get('www-authenticate')).toContain('Basic')
    expect(unauth.headers.get('x-ratelimit-limit')).toBe('1000')
    const body401: Json = await unauth.json()
    expect(body401).toMatchObject({ status: '401', error: { code: 'UNAUTHENTICATED', path: '/org/v2/environments' } })
    expect(body401.error.message).not.toMatch(/\.$/)
    expect(body401.error.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
    expect(typeof body401.requestId).toBe('string')
    const missing = await call('/org/v2/environments/env-none')
    expect([missing.status, ((await missing.json()) as Json).error.code]).toEqual([404, 'NOT_FOUND'])
    const put = await call('/cmk/v2/clusters', { method: 'PUT' })
    expect([put.status, put.headers.get('allow')]).toEqual([405, 'GET, POST'])
    const big = await send('POST', '/org/v2/environments', { display_name: 'x'.repeat(70_000) })
    expect([big.status, ((await big.json()) as Json).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE'])
    const invalid = await send(
      'POST',
      '/cmk/v2/clusters',
      { spec: { cloud: 'MARS' } },
      { accept: 'application/problem+json' },
    )
    expect(invalid.status).toBe(422)
    expect(invalid.headers.get('content-type')).toContain('application/problem+json')
    const problem: Json = await invalid.json()
    expect(problem).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', instance: '/cmk/v2/clusters' })
    expect(problem.errors.map((f: Json) => f.field)).toEqual(
      expect.arrayContaining(['spec.display_name', 'spec.cloud']),
    )
  })

  test('first start without BOOTSTRAP_API_KEY -> prints one API key line; that key works until 429 with headers', async () => {
    const fresh = await startExample('control-plane', {
      ...(await backend('fresh')),
      STRATA_NOW: NOW,
      RATE_LIMIT_PRINCIPAL: '3/5',
    })
    try {
      const lines = fresh
        .output()
        .split('\n')
        .filter((line) => line.startsWith('API key: '))
      expect(lines).toHaveLength(1)
      const [id = '', secret = ''] = (lines[0] ?? '').slice('API key: '.length).split(/:(.*)/s)
      const headers = { authorization: basic(id, secret) }
      const statuses: number[] = []
      let limited: Response | undefined
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${fresh.url}/org/v2/environments`, { headers })
        statuses.push(res.status)
        if (res.status === 429) limited = res
        else expect(res.headers.get('x-ratelimit-remaining')).toBe(String(2 - i))
      }
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(limited?.headers.get('x-ratelimit-limit')).toBe('3')
      expect(limited?.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(Number(limited?.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(5)
      expect(limited?.headers.get('ratelimit-policy')).toContain('"principal";q=3;w=5')
      expect(((await limited?.json()) as Json | undefined)?.error.code).toBe('RATE_LIMITED')
    } finally {
      await fresh.stop()
    }
  }, 60_000)
}

describe('control-plane example on SQLite', () => controlPlaneSuite(async () => ({})))

describeWithPostgres('control-plane example on PostgreSQL', (postgres) => {
  let n = 0
  controlPlaneSuite(async (name) => ({ DATABASE_URL: await postgres().createDatabase(`cp_${name}_${++n}`) }))
})

describe('control-plane emergency withdrawal', () => {
  test('STRATA_WITHDRAWN names cmk/v1 at start-up -> 410 WITHDRAWN with the reason; cmk/v2 still served', async () => {
    const cp = await startExample('control-plane', {
      STRATA_NOW: NOW,
      BOOTSTRAP_API_KEY: `${ADMIN}:${ADMIN_SECRET}`,
      STRATA_WITHDRAWN: JSON.stringify([{ scope: 'cmk', version: 'v1', reason: 'CVE-2026-1234: keys leak' }]),
    })
    try {
      const headers = { authorization: basic(ADMIN, ADMIN_SECRET) }
      const gone = await fetch(`${cp.url}/cmk/v1/clusters?environment=env-1`, { headers })
      expect(gone.status).toBe(410)
      expect(await gone.json()).toMatchObject({
        error: { code: 'WITHDRAWN', reason: 'CVE-2026-1234: keys leak', latest_version: 'v2' },
      })
      const kept = await fetch(`${cp.url}/cmk/v2/clusters?environment=env-1`, { headers })
      expect(kept.status).toBe(200)
    } finally {
      await cp.stop()
    }
  }, 60_000)
})
