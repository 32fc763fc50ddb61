import fc from 'fast-check'
import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { isApiError } from './api-error.ts'
import { createClient } from './create-client.ts'
import { isNetworkError } from './network-error.ts'
import { createRetryBudget } from './retry-budget.ts'
import { backoffMs, serverWaitSeconds } from './retry-delay.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const serve = async (...args: Parameters<typeof startScriptedServer>) => {
  server = await startScriptedServer(...args)
  return server
}
const fast = { baseDelayMs: 1, maxDelayMs: 5 }

describe('which outcomes are retried', () => {
  test('429 with Retry-After: 1 -> waits about a second, then 200; attempt numbers 1, 2', async () => {
    const s = await serve((_req, res, n) =>
      n === 0
        ? sendJson(res, 429, { error: { code: 'RATE_LIMITED' } }, { 'retry-after': '1' })
        : sendJson(res, 200, {}),
    )
    const started = Date.now()
    const res = await createClient({ baseUrl: s.url, retry: fast }).get('/x')
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(s.requests.map((r) => r.headers['x-attempt-number'])).toEqual(['1', '2'])
  })

  test('429 with only X-RateLimit-Reset: 1 (relative seconds) -> waits it out', async () => {
    const s = await serve((_req, res, n) =>
      n === 0 ? sendJson(res, 429, {}, { 'x-ratelimit-reset': '1' }) : sendJson(res, 200, {}),
    )
    const started = Date.now()
    await createClient({ baseUrl: s.url, retry: fast }).get('/x')
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  test('503 then 200 on GET -> 200 after one retry', async () => {
    const s = await serve((_req, res, n) => sendJson(res, n === 0 ? 503 : 200, {}))
    expect((await createClient({ baseUrl: s.url, retry: fast }).get('/x')).status).toBe(200)
    expect(s.requests).toHaveLength(2)
  })

  test('500 on POST -> retried with the same Idempotency-Key; 500 on PATCH -> not retried', async () => {
    const s = await serve((req, res, n) => sendJson(res, req.method === 'POST' && n > 0 ? 201 : 500, {}))
    const client = createClient({ baseUrl: s.url, retry: fast })
    expect((await client.post('/x', { body: {} })).status).toBe(201)
    const keys = s.requests.map((r) => r.headers['idempotency-key'])
    expect(keys[0]).toBeDefined()
    expect(keys[1]).toBe(keys[0])
    await expect(client.patch('/x', { body: {} })).rejects.toMatchObject({ status: 500 })
    expect(s.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1)
  })

  test('400 -> not retried, ApiError at once', async () => {
    const s = await serve((_req, res) => sendJson(res, 400, { error: { code: 'BAD' } }))
    await expect(createClient({ baseUrl: s.url, retry: fast }).get('/x')).rejects.toMatchObject({ code: 'BAD' })
    expect(s.requests).toHaveLength(1)
  })

  test('connection reset twice on GET -> retried, third attempt answers', async () => {
    const s = await serve((_req, res, n) => (n < 2 ? res.socket?.destroy() : sendJson(res, 200, { ok: true })))
    expect((await createClient({ baseUrl: s.url, retry: fast }).get('/x')).body).toEqual({ ok: true })
    expect(s.requests).toHaveLength(3)
  })

  test('connection always reset, limit 2 -> NetworkError after 3 attempts naming the URL', async () => {
    const s = await serve((_req, res) => res.socket?.destroy())
    const error = await createClient({ baseUrl: s.url, retry: { ...fast, limit: 2 } })
      .get('/x')
      .catch((e: unknown) => e)
    expect(isNetworkError(error)).toBe(true)
    expect((error as Error).message).toMatch(new RegExp(`^GET ${s.url}/x failed after 3 attempts`))
  })

  test('Retry-After beyond maxServerWaitSeconds -> ApiError at once, retryAfter 120', async () => {
    const s = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '120' }))
    const error = await createClient({ baseUrl: s.url, retry: { maxServerWaitSeconds: 30 } })
      .get('/x')
      .catch((e: unknown) => e)
    expect(isApiError(error, 429)).toBe(true)
    expect((error as { retryAfter: number }).retryAfter).toBe(120)
    expect(s.requests).toHaveLength(1)
  })

  test('a wait past the timeout -> the 429 now rather than a TimeoutError later', async () => {
    const s = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '5' }))
    const started = Date.now()
    await expect(createClient({ baseUrl: s.url, timeout: 1000 }).get('/x')).rejects.toMatchObject({ status: 429 })
    expect(Date.now() - started).toBeLessThan(1000)
  })

  test('retry: false -> one attempt', async () => {
    const s = await serve((_req, res) => sendJson(res, 503, {}))
    await expect(createClient({ baseUrl: s.url, retry: false }).get('/x')).rejects.toMatchObject({ status: 503 })
    expect(s.requests).toHaveLength(1)
  })
})

describe('retry budget', () => {
  test('budget of 2 tokens, no refill, every GET fails with 503 -> 2 retries in all, then errors at once', async () => {
    const s = await serve((_req, res) => sendJson(res, 503, {}))
    const client = createClient({
      baseUrl: s.url,
      retry: { ...fast, limit: 5, budget: { capacity: 2, refillPerSecond: 0 } },
    })
    for (let i = 0; i < 3; i++) await expect(client.get('/x')).rejects.toMatchObject({ status: 503 })
    // 3 first attempts + the 2 retries the budget paid for.
    expect(s.requests).toHaveLength(5)
  })

  test('429 waited out as asked -> spends no budget: budget 1, three 429s (Retry-After 0), 200, then a 503 still retried', async () => {
    const s = await serve((_req, res, n) => {
      if (n < 3) return sendJson(res, 429, {}, { 'retry-after': '0' })
      sendJson(res, n === 4 ? 503 : 200, {})
    })
    const client = createClient({ baseUrl: s.url, retry: { ...fast, budget: { capacity: 1, refillPerSecond: 0 } } })
    expect((await client.get('/x')).status).toBe(200)
    // The budget's one token is still there for a real failure.
    expect((await client.get('/x')).status).toBe(200)
    expect(s.requests).toHaveLength(6)
  })

  test('429 without any wait header -> a failure: spends the budget, backs off', async () => {
    const s = await serve((_req, res) => sendJson(res, 429, {}))
    const client = createClient({
      baseUrl: s.url,
      retry: { ...fast, limit: 5, budget: { capacity: 1, refillPerSecond: 0 } },
    })
    await expect(client.get('/x')).rejects.toMatchObject({ status: 429, retryAfter: undefined })
    expect(s.requests).toHaveLength(2)
  })

  test('token bucket: empty -> refuses; refills at its rate up to capacity', () => {
    let now = 0
    const budget = createRetryBudget({ capacity: 2, refillPerSecond: 1 }, () => now)
    expect([budget.trySpend(), budget.trySpend(), budget.trySpend()]).toEqual([true, true, false])
    now = 1500
    expect(budget.trySpend()).toBe(true)
    expect(budget.trySpend()).toBe(false)
    now = 100_000
    expect(budget.available()).toBe(2)
  })
})

describe('delays', () => {
  test('Retry-After as HTTP-date, X-RateLimit-Reset as epoch seconds -> seconds from now', () => {
    const now = Date.parse('2026-12-01T00:00:00Z')
    expect(serverWaitSeconds(new Headers({ 'retry-after': 'Tue, 01 Dec 2026 00:00:30 GMT' }), now)).toBe(30)
    expect(serverWaitSeconds(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 12) }), now)).toBe(12)
    expect(serverWaitSeconds(new Headers({ 'x-ratelimit-reset': '7' }), now)).toBe(7)
    expect(serverWaitSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined()
  })

  test('full jitter: every delay in [0, min(cap, base * 2^(n-1)))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (retry, baseMs, capMs, r) => {
          const delay = backoffMs(retry, { baseMs, capMs }, () => r)
          const ceiling = Math.min(capMs, baseMs * 2 ** (retry - 1))
          return delay >= 0 && (ceiling === 0 ? delay === 0 : delay < ceiling)
        },
      ),
    )
  })
})

test('connection cut in the middle of the body -> NetworkError naming the URL, not a bare TypeError', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"partial":')
    setTimeout(() => res.socket?.destroy(), 20)
  })
  const error = await createClient({ baseUrl: s.url, retry: fast })
    .get('/x')
    .catch((e: unknown) => e)
  expect(isNetworkError(error)).toBe(true)
  expect((error as Error).message).toMatch(new RegExp(`^GET ${s.url}/x failed after 1 attempt`))
})
