import { createClient, isApiError } from 'strata/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeWithPostgres } from '../services/postgres.ts'
import { type RunningExample, startExample } from './start-example.ts'

// Idempotency-Key end to end: strata/client sends a key on every POST and keeps it across retries;
// the control-plane example stores the first answer per principal and key (SQLite or PostgreSQL).

const KEY = { id: 'IDEMKEY', secret: 'idempotency-secret-for-the-e2e-suite' }
const groups = { '/org': { segment: 'v2' }, '/iam': { segment: 'v2' }, '/cmk': { segment: 'v2' } } as const
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
type Json = any

function idempotencySuite(backend: () => Promise<Record<string, string>>): void {
  let cp: RunningExample
  beforeAll(async () => {
    cp = await startExample('control-plane', {
      ...(await backend()),
      STRATA_NOW: '2026-12-01T00:00:00Z',
      BOOTSTRAP_API_KEY: `${KEY.id}:${KEY.secret}`,
      RATE_LIMIT_PRINCIPAL: '1000/10',
    })
  }, 60_000)
  afterAll(async () => {
    await cp?.stop()
  })
  const client = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
    createClient({ baseUrl: cp.url, versionByPrefix: groups, auth: { apiKey: KEY }, ...extra })
  const countNamed = async (name: string) => {
    let n = 0
    for await (const env of client().paginate('/org/environments', { query: { page_size: 100 } }))
      if ((env as Json).display_name === name) n++
    return n
  }

  test('the same POST twice with one key -> the first answer replayed (same id, 201, Location), one environment', async () => {
    const c = client()
    const first = await c.post('/org/environments', { body: { display_name: 'twice' }, idempotencyKey: 'k-twice' })
    const again = await c.post('/org/environments', { body: { display_name: 'twice' }, idempotencyKey: 'k-twice' })
    expect([again.status, (again.body as Json).id]).toEqual([201, (first.body as Json).id])
    expect(again.headers.get('location')).toBe(first.headers.get('location'))
    expect([first.headers.get('idempotent-replayed'), again.headers.get('idempotent-replayed')]).toEqual([null, 'true'])
    expect(await countNamed('twice')).toBe(1)
  })

  test('the answer to the first attempt is lost on the way back -> the client retries with the same key, one environment', async () => {
    let dropped = 0
    const lossy: typeof fetch = async (input, init) => {
      const res = await fetch(input, init)
      if (init?.method === 'POST' && dropped++ === 0) {
        await res.body?.cancel()
        throw new TypeError('fetch failed: connection reset')
      }
      return res
    }
    const res = await client({ fetch: lossy, retry: { baseDelayMs: 10 } }).post('/org/environments', {
      body: { display_name: 'lost-answer' },
    })
    expect([res.status, res.headers.get('idempotent-replayed')]).toEqual([201, 'true'])
    expect(await countNamed('lost-answer')).toBe(1)
  })

  test('the key again with another body -> 422 IDEMPOTENCY_KEY_REUSED in the envelope', async () => {
    const c = client()
    await c.post('/org/environments', { body: { display_name: 'one' }, idempotencyKey: 'k-reused' })
    const error = await c
      .post('/org/environments', { body: { display_name: 'other' }, idempotencyKey: 'k-reused' })
      .catch((e: unknown) => e)
    expect(isApiError(error, 422)).toBe(true)
    expect((error as Json).body).toMatchObject({ status: '422', error: { code: 'IDEMPOTENCY_KEY_REUSED' } })
  })

  test('cmk/v1 create replayed -> the v1 answer (201, spec.name), not head', async () => {
    const env: Json = (await client().post('/org/environments', { body: { display_name: 'v1-replay' } })).body
    const v1 = client({ versionByPrefix: { ...groups, '/cmk': { segment: 'v1' } } })
    const spec = { name: 'legacy', cloud: 'AWS', region: 'us-east-1', environment: { id: env.id } }
    const first = await v1.post('/cmk/clusters', { body: { spec }, idempotencyKey: 'k-v1' })
    const again = await v1.post('/cmk/clusters', { body: { spec }, idempotencyKey: 'k-v1' })
    expect([first.status, again.status]).toEqual([201, 201])
    expect(again.body).toEqual(first.body)
    expect((again.body as Json).spec.name).toBe('legacy')
  })

  test('the same key from another principal -> its own request', async () => {
    const account: Json = (await client().post('/iam/service-accounts', { body: { display_name: 'other' } })).body
    const key: Json = (await client().post('/iam/api-keys', { body: { spec: { owner: { id: account.id } } } })).body
    const other = client({ auth: { apiKey: { id: key.id, secret: key.spec.secret } } })
    const mine = await client().post('/org/environments', {
      body: { display_name: 'mine' },
      idempotencyKey: 'k-shared',
    })
    const theirs = await other.post('/org/environments', { body: { display_name: 'mine' }, idempotencyKey: 'k-shared' })
    expect((theirs.body as Json).id).not.toBe((mine.body as Json).id)
    expect(theirs.headers.get('idempotent-replayed')).toBeNull()
  })
}

describe('Idempotency-Key on the control-plane example, SQLite', () => idempotencySuite(async () => ({})))

describeWithPostgres('Idempotency-Key on the control-plane example, PostgreSQL', (postgres) => {
  idempotencySuite(async () => ({ DATABASE_URL: await postgres().createDatabase('cp_idempotency') }))
})
