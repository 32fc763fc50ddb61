import Database from 'better-sqlite3'
import pg from 'pg'
import { defineApi, defineRoute, defineVersions, fromHeader, integerScheme, type RuntimeOptions } from 'strata'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '../../services/service.ts'
import { type RunningServer, servers } from './servers.ts'

// A dependency that cannot serve (a database down or full) is a 503 with Retry-After on every
// adapter, and a bug stays a 500: the errors come from real drivers, not hand-made objects.

const full = new Database(':memory:')
full.exec('CREATE TABLE t (v TEXT)')
full.pragma(`max_page_count = ${full.pragma('page_count', { simple: true })}`)

function options(closedPort: number): RuntimeOptions {
  return {
    api: defineApi({
      versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
      negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } },
    }),
    routes: [
      defineRoute({
        method: 'GET',
        path: '/postgres-down',
        handler: async () => {
          const client = new pg.Client({ connectionString: `postgres://nobody@127.0.0.1:${closedPort}/none` })
          await client.connect()
          return {}
        },
      }),
      defineRoute({
        method: 'POST',
        path: '/sqlite-full',
        handler: () => {
          full.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000))
          return {}
        },
      }),
      defineRoute({
        method: 'GET',
        path: '/bug',
        handler: () => {
          throw new TypeError('x is undefined')
        },
      }),
    ],
  }
}

async function ask(url: string, method: string, path: string) {
  const res = await fetch(`${url}${path}`, { method })
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: JSON.parse(await res.text(), (k, v) => (k === 'requestId' || k === 'timestamp' ? '<volatile>' : v)),
  }
}

const running: RunningServer[] = []
const answers = new Map<string, Awaited<ReturnType<typeof ask>>[]>()
beforeAll(async () => {
  const closedPort = await freePort()
  for (const { name, start } of servers) {
    const server = await start(options(closedPort))
    running.push(server)
    answers.set(name, [
      await ask(server.url, 'GET', '/postgres-down'),
      await ask(server.url, 'POST', '/sqlite-full'),
      await ask(server.url, 'GET', '/bug'),
    ])
  }
})
afterAll(async () => {
  for (const s of running) await s.close()
  full.close()
})

describe.each(servers)('dependency outages on $name', ({ name }) => {
  test('PostgreSQL refusing connections, SQLite full -> 503 SERVICE_UNAVAILABLE with Retry-After 1; a bug -> 500 INTERNAL', () => {
    const [down, tooFull, bug] = answers.get(name)!
    for (const answer of [down, tooFull]) {
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: '1',
        body: { status: '503', error: { code: 'SERVICE_UNAVAILABLE' } },
      })
    }
    expect(bug).toMatchObject({ status: 500, retryAfter: null, body: { error: { code: 'INTERNAL' } } })
  })

  test('the same answers as Fastify', () => {
    expect(answers.get(name)).toEqual(answers.get('fastify'))
  })
})
