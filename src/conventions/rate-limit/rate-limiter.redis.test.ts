import { once } from 'node:events'
import { createServer } from 'node:net'
import { Redis, type RedisOptions } from 'ioredis'
import { afterEach, expect, test } from 'vitest'
import { describeWithRedis } from '../../../test/services/redis.ts'
import { createRateLimiter, type RateLimiter, redisRateLimitStore } from './index.ts'

const alice = { id: 'u-alice', organizationId: 'org-1' }
const clients: Redis[] = []

afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect()
})

function client(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, ...options })
  clients.push(redis)
  return redis
}

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 1))
    })
  })
}

describeWithRedis('rate limits on a real Redis', (redis) => {
  async function instance(
    keyPrefix: string,
    limits: Parameters<typeof createRateLimiter>[0] = {},
  ): Promise<RateLimiter> {
    const connection = client(redis().url)
    // Until the client is ready the store counts in memory (by design), so wait as a server would at start-up.
    if (connection.status !== 'ready') await once(connection, 'ready')
    const store = redisRateLimitStore(connection)
    return createRateLimiter({ store, keyPrefix, principal: { limit: 5, windowSeconds: 60 }, ...limits })
  }

  test('two instances sharing one Redis: 5/60s per principal, requests alternate -> one budget, sixth refused on either', async () => {
    const a = await instance('shared-budget')
    const b = await instance('shared-budget')
    const remaining: string[] = []
    for (let i = 0; i < 5; i++) {
      const decision = await (i % 2 === 0 ? a : b).acquire({ principal: alice, ip: '192.0.2.1' })
      expect(decision.allowed).toBe(true)
      remaining.push(decision.headers['X-RateLimit-Remaining'] ?? '')
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0'])
    const refusedA = await a.acquire({ principal: alice, ip: '192.0.2.1' })
    const refusedB = await b.acquire({ principal: alice, ip: '192.0.2.1' })
    expect([refusedA.allowed, refusedB.allowed]).toEqual([false, false])
    expect(refusedB.problem).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
    expect(Number(refusedB.headers['Retry-After'])).toBeGreaterThan(55)
  })

  test('two instances, different key prefixes -> separate budgets', async () => {
    const a = await instance('prefix-a', { principal: { limit: 1, windowSeconds: 60 } })
    const b = await instance('prefix-b', { principal: { limit: 1, windowSeconds: 60 } })
    expect((await a.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(true)
    expect((await b.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(true)
  })

  test('concurrency across instances: limit 2, slots taken on A and B -> third refused on A until B releases', async () => {
    const limits = { concurrency: { limit: 2 } }
    const a = await instance('shared-concurrency', limits)
    const b = await instance('shared-concurrency', limits)
    const one = await a.acquire({ principal: alice, ip: '192.0.2.1' })
    const two = await b.acquire({ principal: alice, ip: '192.0.2.1' })
    expect([one.allowed, two.allowed]).toEqual([true, true])
    const three = await a.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(three.allowed).toBe(false)
    await two.release()
    const four = await a.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(four.allowed).toBe(true)
    await Promise.all([one.release(), four.release()])
  })

  test('window of 1 s elapsed -> budget restored, reset counts down in whole seconds', async () => {
    const limiter = await instance('window', { principal: { limit: 1, windowSeconds: 1 } })
    const first = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(first.headers['X-RateLimit-Reset']).toBe('1')
    expect((await limiter.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await limiter.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(true)
  })

  async function unreachable(): Promise<Redis> {
    const down = client(`redis://127.0.0.1:${await closedPort()}`, {
      enableOfflineQueue: false,
      retryStrategy: () => null,
    })
    down.on('error', () => {})
    return down
  }

  test('Redis unreachable, default store -> falls back to per-instance memory counting, reported once', async () => {
    const reports: string[] = []
    const store = redisRateLimitStore(await unreachable(), {
      onAvailabilityChange: (available, error) => reports.push(available ? 'up' : `down: ${error?.message}`),
    })
    const limiter = createRateLimiter({ store, principal: { limit: 1, windowSeconds: 60 } })
    expect((await limiter.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(true)
    expect((await limiter.acquire({ principal: alice, ip: '192.0.2.1' })).allowed).toBe(false)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatch(/^down: /)
  })

  test('Redis unreachable, whenUnavailable fail-closed -> acquire rejects with 503 SERVICE_UNAVAILABLE and Retry-After', async () => {
    const store = redisRateLimitStore(await unreachable(), {
      whenUnavailable: 'fail-closed',
      onAvailabilityChange: () => {},
    })
    const limiter = createRateLimiter({ store, principal: { limit: 1, windowSeconds: 60 } })
    await expect(limiter.acquire({ principal: alice, ip: '192.0.2.1' })).rejects.toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      headers: { 'Retry-After': '1' },
    })
  })

  test('Redis unreachable, whenUnavailable fail-open -> every request allowed, full budget reported', async () => {
    const store = redisRateLimitStore(await unreachable(), {
      whenUnavailable: 'fail-open',
      onAvailabilityChange: () => {},
    })
    const limiter = createRateLimiter({ store, principal: { limit: 1, windowSeconds: 60 }, concurrency: { limit: 1 } })
    for (let i = 0; i < 3; i++) {
      const decision = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
      expect(decision.allowed).toBe(true)
      expect(decision.headers['X-RateLimit-Remaining']).toBe('1')
    }
  })
})
