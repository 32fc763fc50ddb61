import {
  createAuthenticator,
  createMemoryApiKeyStore,
  defineApi,
  defineRoute,
  defineVersions,
  fromHeader,
  generateApiKey,
  hashApiKeySecret,
  integerScheme,
  type Principal,
  type RuntimeOptions,
} from 'strata'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningServer, servers } from './servers.ts'

// API keys, rate limits and HTTPS-only are runtime steps: every adapter answers a sequence of
// requests exactly as Fastify's conventions plugin does.

const pepper = 'a-pepper-that-is-at-least-32-bytes-long!'
const key = generateApiKey()
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

function options(extra: Partial<RuntimeOptions['conventions']> = {}): RuntimeOptions {
  const store = createMemoryApiKeyStore()
  store.addOwner({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1' })
  store.addKey({ id: key.id, ownerId: 'sa-1', secretHash: hashApiKeySecret(key.secret, pepper) })
  return {
    api: defineApi({
      versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
      negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } },
    }),
    routes: [
      defineRoute({ method: 'GET', path: '/me', handler: ({ principal }) => ({ id: (principal as Principal).id }) }),
      defineRoute({
        method: 'GET',
        path: '/public',
        auth: 'optional',
        handler: ({ principal }) => ({ id: (principal as Principal | undefined)?.id ?? null }),
      }),
    ],
    conventions: {
      auth: { authenticator: createAuthenticator({ apiKeys: { store, pepper } }) },
      rateLimit: { principal: { limit: 3, windowSeconds: 60 }, ip: { limit: 5, windowSeconds: 60 } },
      ...extra,
    },
  }
}

const exchanges: readonly { name: string; path: string; auth?: string }[] = [
  { name: 'no credentials on an authenticated route', path: '/me' },
  { name: 'a valid API key', path: '/me', auth: basic(key.id, key.secret) },
  { name: 'a wrong secret', path: '/me', auth: basic(key.id, 'nope') },
  { name: 'anonymous on an optional route', path: '/public' },
  { name: 'the key again', path: '/me', auth: basic(key.id, key.secret) },
  { name: 'the key a third time', path: '/me', auth: basic(key.id, key.secret) },
  { name: 'the key past its budget', path: '/me', auth: basic(key.id, key.secret) },
]
const HEADERS = [
  'content-type',
  'www-authenticate',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'retry-after',
  'api-version',
]

async function run(url: string, path: string, auth?: string) {
  const res = await fetch(`${url}${path}`, auth ? { headers: { authorization: auth } } : {})
  const body = JSON.parse(await res.text(), (k, v) => (k === 'requestId' || k === 'timestamp' ? '<volatile>' : v))
  return { status: res.status, headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h)])), body }
}

const answers = new Map<string, Awaited<ReturnType<typeof run>>[]>()
const https = new Map<string, Awaited<ReturnType<typeof run>>>()
const running: RunningServer[] = []
beforeAll(async () => {
  for (const { name, start } of servers) {
    const server = await start(options())
    running.push(server)
    const list = []
    for (const e of exchanges) list.push(await run(server.url, e.path, e.auth))
    answers.set(name, list)
    const strict = await start(options({ requireHttps: true }))
    running.push(strict)
    https.set(name, await run(strict.url, '/me', basic(key.id, key.secret)))
  }
})
afterAll(async () => {
  for (const s of running) await s.close()
})

describe('conventions on Fastify (the reference)', () => {
  test('the sequence -> 401, 200, 401, 200 anonymous, 200, 200 then 429 with Retry-After', () => {
    const fastify = answers.get('fastify')!
    expect(fastify.map((a) => a.status)).toEqual([401, 200, 401, 200, 200, 200, 429])
    expect(fastify[0]!.headers['www-authenticate']).toContain('Basic')
    expect(fastify[1]!.body).toEqual({ id: 'sa-1' })
    expect(fastify[6]!.headers['retry-after']).not.toBeNull()
    expect(https.get('fastify')!.status).toBe(403)
  })
})

describe.each(servers.filter((s) => s.name !== 'fastify'))('conventions on $name', ({ name }) => {
  test.each(exchanges.map((e, i) => [e.name, i] as const))('%s -> the answer Fastify gives', (_n, i) => {
    expect(answers.get(name)![i]).toEqual(answers.get('fastify')![i])
  })
  test('requireHttps over plain HTTP -> the 403 Fastify gives', () => {
    expect(https.get(name)).toEqual(https.get('fastify'))
  })
})
