import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import {
  createAuthenticator,
  createMemoryApiKeyStore,
  generateApiKey,
  hashApiKeySecret,
} from '../../conventions/auth/index.ts'
import type { RateLimiterOptions } from '../../conventions/rate-limit/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { conventions } from './conventions.ts'
import { strata } from './plugin.ts'

const pepper = 'a-pepper-that-is-at-least-32-bytes-long!'
const store = createMemoryApiKeyStore()
store.addOwner({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1' })
const key = generateApiKey()
store.addKey({ id: key.id, ownerId: 'sa-1', secretHash: hashApiKeySecret(key.secret, pepper) })
const authorization = `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}`

let app: FastifyInstance
afterEach(() => app?.close())

async function build(rateLimit: RateLimiterOptions) {
  app = Fastify()
  await app.register(conventions, {
    auth: { authenticator: createAuthenticator({ apiKeys: { store, pepper } }) },
    rateLimit,
  })
  const versions = defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] })
  await app.register(strata, {
    api: defineApi({ versions, negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } } }),
    principal: (req) => req.principal,
  })
  app.get('/things', async () => ({ ok: true }))
  return app
}

describe('Fastify conventions: rate limits', () => {
  test('principal budget 2 per 10 s, third request -> 429 RATE_LIMITED with Retry-After and X-RateLimit-*', async () => {
    await build({ principal: { limit: 2, windowSeconds: 10 } })
    const first = await app.inject({ url: '/things', headers: { authorization } })
    expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining']]).toEqual(['2', '1'])
    expect(first.headers['x-ratelimit-reset']).toBe('10')
    expect(first.headers.ratelimit).toBe('"principal";r=1;t=10')
    await app.inject({ url: '/things', headers: { authorization } })
    const third = await app.inject({ url: '/things', headers: { authorization } })
    expect(third.statusCode).toBe(429)
    expect(third.headers['retry-after']).toBe('10')
    expect(third.headers['x-ratelimit-remaining']).toBe('0')
    expect(third.headers['ratelimit-policy']).toBe('"principal";q=2;w=10')
    expect(third.json()).toMatchObject({ status: '429', error: { code: 'RATE_LIMITED', path: '/things' } })
  })

  test('404 and 401 responses -> carry the rate-limit headers too', async () => {
    await build({ principal: { limit: 5, windowSeconds: 10 }, ip: { limit: 5, windowSeconds: 10 } })
    const notFound = await app.inject({ url: '/nope', headers: { authorization } })
    expect([notFound.statusCode, notFound.headers['x-ratelimit-limit']]).toEqual([404, '5'])
    const anonymous = await app.inject({ url: '/things' })
    expect([anonymous.statusCode, anonymous.headers['ratelimit-policy']]).toEqual([401, '"ip";q=5;w=10'])
  })

  test('bad credentials -> counted against the client address, 429 once the address budget is spent', async () => {
    await build({ principal: { limit: 100, windowSeconds: 10 }, ip: { limit: 2, windowSeconds: 10 } })
    const wrong = { authorization: `Basic ${Buffer.from(`${key.id}:guess`).toString('base64')}` }
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: '/things', headers: wrong })).statusCode)
    expect(statuses).toEqual([401, 401, 429])
  })

  test('concurrency limit 1, sequential requests -> each slot is released when its response ends', async () => {
    await build({ principal: { limit: 100, windowSeconds: 10 }, concurrency: { limit: 1 } })
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ url: '/things', headers: { authorization } })
      expect([res.statusCode, res.headers.ratelimit]).toEqual([200, `"principal";r=${99 - i};t=10, "concurrency";r=0`])
    }
  })
})
