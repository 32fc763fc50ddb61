import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { hashApiKeySecret } from 'strata'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from '../../e2e/start-example.ts'
import { expectNoInternals } from './harness.ts'

// Authorization in the control-plane example (the Confluent program): a principal sees and changes
// only its own organization's resources, on every route, by id and by listing; early access needs a grant.

const NOW = '2026-12-01T00:00:00Z'
const PEPPER = 'a-pepper-for-the-authz-suite-0123456789'
const A = { id: 'ORGAKEY', secret: 'org-a-secret-for-the-authz-suite-0123' }
const B = { id: 'ORGBKEY', secret: 'org-b-secret-for-the-authz-suite-0123' }
const B_UNGRANTED = { id: 'ORGBNOEA', secret: 'org-b-ungranted-secret-for-the-suite-01' }
const basic = (k: { id: string; secret: string }) => `Basic ${Buffer.from(`${k.id}:${k.secret}`).toString('base64')}`
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any

let cp: RunningExample
const call = async (key: { id: string; secret: string }, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${cp.url}${path}`, {
    method,
    headers: { authorization: basic(key), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, text, body: text === '' ? undefined : (JSON.parse(text) as Json) }
}

/** Organization B, its service account and two keys, written beside the bootstrap organization A. */
function addSecondOrganization(dataDir: string): void {
  const db = new SQLite(join(dataDir, 'control-plane.sqlite'))
  const at = new Date().toISOString()
  db.prepare('INSERT INTO organizations (id, display_name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
    'org-b',
    'B',
    at,
    at,
  )
  db.prepare(
    'INSERT INTO service_accounts (id, org_id, display_name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run('sa-orgb', 'org-b', 'b-admin', '', at, at)
  for (const key of [B, B_UNGRANTED]) {
    db.prepare(
      'INSERT INTO api_keys (id, org_id, owner_id, secret_hash, display_name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(key.id, 'org-b', 'sa-orgb', hashApiKeySecret(key.secret, PEPPER), '', '', at, at)
  }
  db.close()
}

const a: Record<string, string> = {}
beforeAll(async () => {
  cp = await startExample('control-plane', {
    STRATA_NOW: NOW,
    BOOTSTRAP_API_KEY: `${A.id}:${A.secret}`,
    API_KEY_PEPPER: PEPPER,
    EARLY_ACCESS_GRANTS: `${A.id},${B.id}`,
    RATE_LIMIT_PRINCIPAL: '1000/10',
    RATE_LIMIT_ORGANIZATION: '1000/10',
    RATE_LIMIT_IP: '1000/10',
    LOG: '1',
  })
  addSecondOrganization(cp.dataDir)
  a.env = (await call(A, 'POST', '/org/v2/environments', { display_name: 'a-env' })).body.id
  await call(A, 'POST', '/org/v2/environments', { display_name: 'a-env-2' })
  const spec = { display_name: 'a-cluster', cloud: 'AWS', region: 'us-west-2', environment: { id: a.env } }
  a.cluster = (await call(A, 'POST', '/cmk/v2/clusters', { spec })).body.id
  a.account = (await call(A, 'POST', '/iam/v2/service-accounts', { display_name: 'a-sa' })).body.id
  a.key = (await call(A, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: a.account } } })).body.id
  a.network = (
    await call(A, 'POST', '/networking/v1/networks', {
      spec: { display_name: 'a-net', cloud: 'AWS', region: 'us-west-2', environment: { id: a.env } },
    })
  ).body.id
  for (const [name, id] of Object.entries(a)) expect(id, name).toEqual(expect.any(String))
}, 60_000)
afterAll(async () => {
  await cp?.stop()
})

const byId = () =>
  [
    ['GET', `/org/v2/environments/${a.env}`],
    ['PATCH', `/org/v2/environments/${a.env}`, { display_name: 'taken' }],
    ['DELETE', `/org/v2/environments/${a.env}`],
    ['GET', `/iam/v2/service-accounts/${a.account}`],
    ['PATCH', `/iam/v2/service-accounts/${a.account}`, { description: 'taken' }],
    ['DELETE', `/iam/v2/service-accounts/${a.account}`],
    ['GET', `/iam/v2/api-keys/${a.key}`],
    ['PATCH', `/iam/v2/api-keys/${a.key}`, { spec: { display_name: 'taken' } }],
    ['DELETE', `/iam/v2/api-keys/${a.key}`],
    ['GET', `/cmk/v2/clusters/${a.cluster}`],
    ['PATCH', `/cmk/v2/clusters/${a.cluster}`, { spec: { display_name: 'taken' } }],
    ['DELETE', `/cmk/v2/clusters/${a.cluster}`],
    ['GET', `/cmk/v1/clusters/${a.cluster}`],
    ['PATCH', `/cmk/v1/clusters/${a.cluster}`, { spec: { name: 'taken' } }],
    ['DELETE', `/cmk/v1/clusters/${a.cluster}`],
    ['GET', `/networking/v1/networks/${a.network}`],
  ] as const

describe('control plane: organization B against organization A’s resources', () => {
  test('every route by id (GET, PATCH, DELETE on each group and generation) -> 404 in the envelope, nothing of A', async () => {
    for (const [method, path, body] of byId()) {
      const res = await call(B, method, path, body)
      expect([method, path, res.status]).toEqual([method, path, 404])
      expect(res.body.error.code).toBe('NOT_FOUND')
      for (const id of Object.values(a)) if (!path.includes(id)) expect(res.text).not.toContain(id)
      expectNoInternals(res.text)
    }
  })

  test('every list (environments, service accounts, API keys, clusters v2 and v1, networks) -> none of A’s ids', async () => {
    const lists = [
      '/org/v2/environments',
      '/iam/v2/service-accounts',
      '/iam/v2/api-keys',
      `/iam/v2/api-keys?owner=${a.account}`,
      `/cmk/v2/clusters?environment=${a.env}`,
      `/cmk/v1/clusters?environment=${a.env}`,
      `/networking/v1/networks?environment=${a.env}`,
    ]
    for (const path of lists) {
      const res = await call(B, 'GET', path)
      expect(res.status, path).toBeLessThan(500)
      // The links echo B's own filter; the items and their count must hold nothing of A.
      const items = JSON.stringify(res.body.data ?? res.body)
      for (const id of Object.values(a)) expect(items, `${path} leaks ${id}`).not.toContain(id)
      if (res.status === 200)
        expect(res.body.metadata.total_size, path).toBe(
          path.includes('/iam/v2/api-keys') && !path.includes('owner') ? 2 : path.includes('service-accounts') ? 1 : 0,
        )
    }
  })

  test('creating into A’s environment or for A’s service account -> refused (4xx), nothing created', async () => {
    const attempts = [
      [
        '/cmk/v2/clusters',
        { spec: { display_name: 'x', cloud: 'AWS', region: 'us-west-2', environment: { id: a.env } } },
      ],
      ['/cmk/v1/clusters', { spec: { name: 'x', cloud: 'AWS', region: 'us-west-2', environment: { id: a.env } } }],
      ['/iam/v2/api-keys', { spec: { owner: { id: a.account } } }],
      [
        '/networking/v1/networks',
        { spec: { display_name: 'x', cloud: 'AWS', region: 'us-west-2', environment: { id: a.env } } },
      ],
    ] as const
    for (const [path, body] of attempts) {
      const res = await call(B, 'POST', path, body)
      expect([path, res.status >= 400 && res.status < 500]).toEqual([path, true])
    }
    const clusters = await call(A, 'GET', `/cmk/v2/clusters?environment=${a.env}`)
    expect(clusters.body.data.map((c: Json) => c.id)).toEqual([a.cluster])
  })

  test('a page token A was given, replayed by B -> 400 naming page_token, not A’s next page', async () => {
    const first = await call(A, 'GET', '/org/v2/environments?page_size=1')
    const next: string = first.body.metadata.next
    expect(next).toContain('page_token=')
    const replay = await call(B, 'GET', new URL(next).pathname + new URL(next).search)
    expect(replay.status).toBe(400)
    expect(replay.text).toContain('page_token')
    expect(replay.text).not.toContain(a.env)
  })

  test('after every attempt by B -> A’s resources are all there, unchanged', async () => {
    expect((await call(A, 'GET', `/org/v2/environments/${a.env}`)).body.display_name).toBe('a-env')
    expect((await call(A, 'GET', `/cmk/v2/clusters/${a.cluster}`)).body.spec.display_name).toBe('a-cluster')
    expect((await call(A, 'GET', `/iam/v2/service-accounts/${a.account}`)).status).toBe(200)
    expect((await call(A, 'GET', `/iam/v2/api-keys/${a.key}`)).status).toBe(200)
    expect((await call(A, 'GET', `/networking/v1/networks/${a.network}`)).status).toBe(200)
  })

  test('early access: networking/v1 without a grant -> 404 (hidden), with a grant -> served', async () => {
    const hidden = await call(B_UNGRANTED, 'GET', `/networking/v1/networks?environment=${a.env}`)
    expect(hidden.status).toBe(404)
    expect(hidden.text).not.toContain(a.network)
    expect((await call(B, 'GET', `/networking/v1/networks?environment=${a.env}`)).status).toBe(200)
  })

  test('an API key secret -> returned once at creation, never by GET or list, never in the log', async () => {
    const created = await call(A, 'POST', '/iam/v2/api-keys', { spec: { owner: { id: a.account } } })
    const secret: string = created.body.spec.secret ?? created.body.secret
    expect(secret).toEqual(expect.any(String))
    expect(secret.length).toBeGreaterThanOrEqual(32)
    const read = await call(A, 'GET', `/iam/v2/api-keys/${created.body.id}`)
    const list = await call(A, 'GET', '/iam/v2/api-keys?page_size=100')
    expect(read.text).not.toContain(secret)
    expect(list.text).not.toContain(secret)
    // The new key works, and neither its secret nor the bootstrap one is written to the process output.
    expect((await call({ id: created.body.id, secret }, 'GET', '/org/v2/environments')).status).toBe(200)
    expect(cp.output()).not.toContain(secret)
    expect(cp.output()).not.toContain(A.secret)
  })
})
