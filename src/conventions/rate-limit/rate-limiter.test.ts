import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import {
  createConcurrencyLimiter,
  createRateLimiter,
  formatRateLimitHeaders,
  ipPartitionKey,
  memoryRateLimitStore,
} from './index.ts'

const alice = { id: 'u-alice', organizationId: 'org-1' }
const bob = { id: 'u-bob', organizationId: 'org-1' }

async function spend(
  limiter: ReturnType<typeof createRateLimiter>,
  subject: Parameters<typeof limiter.acquire>[0],
  n: number,
) {
  for (let i = 0; i < n; i++) {
    const decision = await limiter.acquire(subject)
    expect(decision.allowed).toBe(true)
    await decision.release()
  }
}

describe('request-rate limits (memory store)', () => {
  test('per principal: first request of 50/10s -> allowed, Confluent and IETF headers on the response', async () => {
    const limiter = createRateLimiter({ principal: { limit: 50, windowSeconds: 10 } })
    const decision = await limiter.acquire({ principal: alice, ip: '203.0.113.1' })
    expect(decision.allowed).toBe(true)
    expect(decision.problem).toBeUndefined()
    expect(decision.headers).toEqual({
      'X-RateLimit-Limit': '50',
      'X-RateLimit-Remaining': '49',
      'X-RateLimit-Reset': '10',
      'RateLimit-Policy': '"principal";q=50;w=10',
      RateLimit: '"principal";r=49;t=10',
    })
  })

  test('per principal: limit reached -> 429 RATE_LIMITED with Retry-After and relative reset, other principals unaffected', async () => {
    const limiter = createRateLimiter({ principal: { limit: 3, windowSeconds: 60 } })
    await spend(limiter, { principal: alice, ip: '203.0.113.1' }, 3)
    const refused = await limiter.acquire({ principal: alice, ip: '203.0.113.1' })
    expect(refused.allowed).toBe(false)
    expect(refused.headers['X-RateLimit-Remaining']).toBe('0')
    expect(Number(refused.headers['X-RateLimit-Reset'])).toBeGreaterThan(55)
    expect(refused.headers['Retry-After']).toBe(refused.headers['X-RateLimit-Reset'])
    expect(refused.problem).toBeInstanceOf(HttpProblem)
    expect(refused.problem).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: refused.headers })
    expect(refused.problem?.message).toMatch(/^Too many requests for this principal; retry after \d+ seconds$/)
    expect((await limiter.acquire({ principal: bob, ip: '203.0.113.1' })).allowed).toBe(true)
  })

  test('per organization: two principals share the organization budget; headers show the tighter one', async () => {
    const limiter = createRateLimiter({
      principal: { limit: 10, windowSeconds: 60 },
      organization: { limit: 4, windowSeconds: 60 },
    })
    await spend(limiter, { principal: alice, ip: '198.51.100.1' }, 2)
    const third = await limiter.acquire({ principal: bob, ip: '198.51.100.2' })
    expect(third.headers['X-RateLimit-Limit']).toBe('4')
    expect(third.headers['X-RateLimit-Remaining']).toBe('1')
    expect(third.headers['RateLimit-Policy']).toBe('"principal";q=10;w=60, "organization";q=4;w=60')
    expect(third.headers.RateLimit).toMatch(/^"principal";r=9;t=\d+, "organization";r=1;t=\d+$/)
    await spend(limiter, { principal: bob, ip: '198.51.100.2' }, 1)
    const refused = await limiter.acquire({ principal: alice, ip: '198.51.100.1' })
    expect(refused.allowed).toBe(false)
    expect(refused.problem?.message).toMatch(/for this organization;/)
  })

  test('refusal by the organization -> the principal budget is refunded', async () => {
    const limiter = createRateLimiter({
      principal: { limit: 10, windowSeconds: 60 },
      organization: { limit: 1, windowSeconds: 60 },
    })
    await spend(limiter, { principal: bob, ip: '198.51.100.2' }, 1)
    for (let i = 0; i < 3; i++)
      expect((await limiter.acquire({ principal: alice, ip: '198.51.100.1' })).allowed).toBe(false)
    const refused = await limiter.acquire({ principal: alice, ip: '198.51.100.1' })
    expect(refused.policies.find((p) => p.name === 'principal')?.remaining).toBe(10)
  })

  test('per IP: unauthenticated requests -> counted per address, principals never touch it', async () => {
    const limiter = createRateLimiter({
      principal: { limit: 5, windowSeconds: 60 },
      ip: { limit: 2, windowSeconds: 60 },
    })
    await spend(limiter, { ip: '192.0.2.7' }, 2)
    const refused = await limiter.acquire({ ip: '::ffff:192.0.2.7' })
    expect(refused.allowed).toBe(false)
    expect(refused.headers['RateLimit-Policy']).toBe('"ip";q=2;w=60')
    expect(refused.problem?.message).toMatch(/for this client address;/)
    expect((await limiter.acquire({ ip: '192.0.2.8' })).allowed).toBe(true)
    expect((await limiter.acquire({ principal: alice, ip: '192.0.2.7' })).allowed).toBe(true)
  })

  test('per IP: two addresses in one IPv6 /64 -> one budget', async () => {
    const limiter = createRateLimiter({ ip: { limit: 1, windowSeconds: 60 } })
    expect((await limiter.acquire({ ip: '2001:db8:0:1::1' })).allowed).toBe(true)
    expect((await limiter.acquire({ ip: '2001:db8:0:1:ffff::2' })).allowed).toBe(false)
    expect((await limiter.acquire({ ip: '2001:db8:0:2::1' })).allowed).toBe(true)
  })

  test('no limits configured for the subject -> allowed, no headers', async () => {
    const limiter = createRateLimiter({ ip: { limit: 1, windowSeconds: 1 } })
    const decision = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(decision).toMatchObject({ allowed: true, headers: {} })
  })

  test('bad policy (limit 0, window 0.5 s) -> STRATA_ERR_RATE_LIMIT_INVALID_POLICY at creation naming the policy', () => {
    expect(() => createRateLimiter({ principal: { limit: 0, windowSeconds: 10 } })).toThrow(/"principal" has limit 0/)
    expect(() => createRateLimiter({ ip: { limit: 5, windowSeconds: 0.5 } })).toThrow(/"ip" has windowSeconds 0.5/)
    expect(() => createRateLimiter({ concurrency: { limit: 1.5 } })).toThrow(
      /Concurrency limit 1.5.*\[STRATA_ERR_RATE_LIMIT_INVALID_POLICY\]/,
    )
  })
})

describe('concurrency limit', () => {
  test('in-flight limit 2: third concurrent request -> 429, Retry-After 1; released slot -> allowed again', async () => {
    const limiter = createRateLimiter({ principal: { limit: 100, windowSeconds: 60 }, concurrency: { limit: 2 } })
    const first = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    const second = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(second.headers['RateLimit-Policy']).toBe(
      '"principal";q=100;w=60, "concurrency";q=2;qu="concurrent-requests"',
    )
    expect(second.headers.RateLimit).toMatch(/^"principal";r=98;t=\d+, "concurrency";r=0$/)
    const third = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(third.allowed).toBe(false)
    expect(third.headers['Retry-After']).toBe('1')
    expect(third.problem?.message).toBe('Too many requests are in flight at once; retry after 1 second')
    expect(third.policies.find((p) => p.name === 'principal')?.remaining).toBe(98)
    expect((await limiter.acquire({ principal: bob, ip: '192.0.2.1' })).allowed).toBe(true)
    await first.release()
    await first.release()
    const fourth = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(fourth.allowed).toBe(true)
    const fifth = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(fifth.allowed).toBe(false)
    await Promise.all([second.release(), fourth.release(), third.release()])
  })

  test('request-rate refusal with a concurrency limit -> RateLimit-Policy still lists both policies, no slot taken', async () => {
    const limiter = createRateLimiter({ principal: { limit: 1, windowSeconds: 60 }, concurrency: { limit: 3 } })
    const first = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    const refused = await limiter.acquire({ principal: alice, ip: '192.0.2.1' })
    expect(refused.allowed).toBe(false)
    expect(refused.headers['RateLimit-Policy']).toBe(first.headers['RateLimit-Policy'])
    expect(refused.headers.RateLimit).toMatch(/, "concurrency";r=2$/)
    await first.release()
  })

  test('release called twice -> frees one slot only', async () => {
    const concurrency = createConcurrencyLimiter(memoryRateLimitStore(), { limit: 2 })
    const a = await concurrency.acquire('k')
    const b = await concurrency.acquire('k')
    await a.release()
    await a.release()
    expect((await concurrency.acquire('k')).state.exceeded).toBe(false)
    expect((await concurrency.acquire('k')).state.exceeded).toBe(true)
    await b.release()
  })
})

describe('headers and keys', () => {
  test('formatRateLimitHeaders: no policies -> no headers', () => {
    expect(formatRateLimitHeaders([])).toEqual({})
  })

  test('formatRateLimitHeaders: policy name with a quote -> escaped as a Structured Fields string', () => {
    const headers = formatRateLimitHeaders([
      { name: 'a"b', limit: 1, windowSeconds: 1, remaining: 0, resetSeconds: 1, exceeded: false },
    ])
    expect(headers['RateLimit-Policy']).toBe('"a\\"b";q=1;w=1')
  })

  test('formatRateLimitHeaders: policy name outside printable ASCII -> STRATA_ERR_RATE_LIMIT_INVALID_POLICY', () => {
    const state = { name: 'caf\u00e9', limit: 1, windowSeconds: 1, remaining: 0, resetSeconds: 1, exceeded: false }
    expect(() => formatRateLimitHeaders([state])).toThrow(/printable ASCII.*\[STRATA_ERR_RATE_LIMIT_INVALID_POLICY\]/)
  })

  test.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0000:0002:0:0:0:1', '2001:db8:0:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not-an-ip', 'not-an-ip'],
  ])('ipPartitionKey(%s) -> %s', (ip, key) => {
    expect(ipPartitionKey(ip)).toBe(key)
  })
})
