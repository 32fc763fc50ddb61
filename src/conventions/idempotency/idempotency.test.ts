import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import fc from 'fast-check'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeWithPostgres } from '../../../test/services/postgres.ts'
import { isHttpProblem } from '../error/problem.ts'
import { requestFingerprint } from './fingerprint.ts'
import { createIdempotency } from './idempotency.ts'
import { sqlIdempotencyStore } from './sql-store.ts'

const response = {
  status: 201,
  headers: { 'content-type': 'application/json', location: '/e/1' },
  body: '{"id":"env-1"}',
}
const request = (body: unknown = { display_name: 'dev' }, key = 'key-1', principal = 'sa-1') => ({
  principal,
  key,
  method: 'POST',
  path: '/org/v2/environments',
  body,
})

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(isHttpProblem(error)).toBe(true)
  return error as { status: number; code: string; message: string; headers?: Record<string, string> }
}

/** The behaviour every backend must have; `open` gives a fresh, empty database. */
function idempotencySuite(open: () => Promise<Kysely<unknown>>): void {
  let db: Kysely<unknown>
  let now = new Date('2026-12-01T00:00:00Z')
  const clock = () => now
  const fresh = async () => {
    const store = sqlIdempotencyStore(db)
    await store.createTable()
    return { store, idempotency: createIdempotency({ store, ttlSeconds: 3600, pendingSeconds: 30, clock }) }
  }
  beforeAll(async () => {
    db = await open()
  })
  afterAll(async () => {
    await db?.destroy()
  })

  test('first request -> proceed; its repeat (keys in another order) -> the stored response, byte for byte', async () => {
    const { idempotency } = await fresh()
    const first = await idempotency.begin(request({ display_name: 'dev', tags: { a: 1, b: 2 } }, 'order'))
    expect(first.action).toBe('proceed')
    if (first.action === 'proceed') await first.complete(response)
    const repeat = await idempotency.begin(request({ tags: { b: 2, a: 1 }, display_name: 'dev' }, 'order'))
    expect(repeat).toEqual({ action: 'replay', response })
  })

  test('repeat with a different body -> 422 IDEMPOTENCY_KEY_REUSED naming the key', async () => {
    const { idempotency } = await fresh()
    const first = await idempotency.begin(request({ display_name: 'dev' }, 'reused'))
    if (first.action === 'proceed') await first.complete(response)
    const problem = await problemOf(idempotency.begin(request({ display_name: 'prod' }, 'reused')))
    expect([problem.status, problem.code, problem.message]).toEqual([
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'The Idempotency-Key reused was used for a different request',
    ])
  })

  test('ten concurrent requests with one key -> exactly one proceeds, the others 409 IDEMPOTENCY_KEY_IN_USE', async () => {
    const { idempotency } = await fresh()
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () =>
        idempotency.begin(request(undefined, 'race')).then(
          (d) => d.action,
          (e: { code: string }) => e.code,
        ),
      ),
    )
    expect(outcomes.filter((o) => o === 'proceed')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'IDEMPOTENCY_KEY_IN_USE')).toHaveLength(9)
  })

  test('released after a failure -> the retry proceeds', async () => {
    const { idempotency } = await fresh()
    const first = await idempotency.begin(request(undefined, 'failed'))
    if (first.action === 'proceed') await first.release()
    expect((await idempotency.begin(request(undefined, 'failed'))).action).toBe('proceed')
  })

  test('same key from another principal -> independent', async () => {
    const { idempotency } = await fresh()
    const mine = await idempotency.begin(request(undefined, 'shared', 'sa-1'))
    if (mine.action === 'proceed') await mine.complete(response)
    expect((await idempotency.begin(request({ other: true }, 'shared', 'sa-2'))).action).toBe('proceed')
  })

  test('after the TTL -> a new request; a pending claim older than pendingSeconds -> taken over; purge removes expired', async () => {
    const { store, idempotency } = await fresh()
    const done = await idempotency.begin(request(undefined, 'ttl'))
    if (done.action === 'proceed') await done.complete(response)
    await idempotency.begin(request(undefined, 'crashed'))
    now = new Date(now.getTime() + 31_000)
    expect((await idempotency.begin(request(undefined, 'crashed'))).action).toBe('proceed')
    expect((await idempotency.begin(request(undefined, 'ttl'))).action).toBe('replay')
    now = new Date(now.getTime() + 3600_000)
    expect((await idempotency.begin(request({ changed: 1 }, 'ttl'))).action).toBe('proceed')
    now = new Date(now.getTime() + 3600_000)
    expect(await store.purge(now)).toBeGreaterThanOrEqual(2)
  })

  test.each(['', 'x'.repeat(256), 'has space', 'ünïcode'])(
    'malformed key %j -> 400 IDEMPOTENCY_KEY_INVALID',
    async (key) => {
      const { idempotency } = await fresh()
      expect((await problemOf(idempotency.begin(request(undefined, key)))).code).toBe('IDEMPOTENCY_KEY_INVALID')
    },
  )
}

describe('idempotency on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-idempotency-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  idempotencySuite(
    async () => new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(join(dir, 'a.sqlite')) }) }),
  )

  test('a stored response survives closing and reopening the file', async () => {
    const file = join(dir, 'reopen.sqlite')
    const first = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(file) }) })
    const store = sqlIdempotencyStore(first)
    await store.createTable()
    const decision = await createIdempotency({ store }).begin(request(undefined, 'durable'))
    if (decision.action === 'proceed') await decision.complete(response)
    await first.destroy()
    const again = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SQLite(file) }) })
    expect(await createIdempotency({ store: sqlIdempotencyStore(again) }).begin(request(undefined, 'durable'))).toEqual(
      {
        action: 'replay',
        response,
      },
    )
    await again.destroy()
  })
})

describeWithPostgres('idempotency on PostgreSQL', (postgres) => {
  let n = 0
  idempotencySuite(async () => {
    const url = await postgres().createDatabase(`idem_${++n}`)
    const pool = new pg.Pool({ connectionString: url, max: 10 })
    // The server stops right after the suite; a client still closing then reports 57P01 on itself
    // (no longer on the pool), which is expected here and must not surface as an unhandled error.
    pool.on('error', () => {})
    pool.on('connect', (client) => client.on('error', () => {}))
    return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) })
  })
})

test('fingerprint: any JSON body -> equal for any key order, different for a different body', () => {
  const shuffle = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(shuffle)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, shuffle(x)]),
          )
        : v
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      const at = (body: unknown) => requestFingerprint({ method: 'POST', path: '/x', body })
      expect(at(shuffle(a))).toBe(at(a))
      if (JSON.stringify(shuffle(a)) !== JSON.stringify(shuffle(b)) && at(a) === at(b)) {
        // Only bodies equal as JSON values may share a fingerprint.
        expect(JSON.parse(JSON.stringify(a))).toEqual(JSON.parse(JSON.stringify(b)))
      }
    }),
  )
})
