import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import { createPageTokenCodec, type PageContext, type PageTokenContent, readPageRequest } from './index.ts'

const SECRET = 'a-test-secret-that-is-at-least-32-bytes-long'
const context: PageContext = { apiVersion: 'cmk/v2', route: 'GET /cmk/v2/clusters', query: { environment: 'env-1' } }
const content: PageTokenContent = {
  cursor: { direction: 'after', keys: ['2025-01-01T00:00:00Z', 'lkc-9'] },
  pageSize: 5,
}

function clock(start = Date.UTC(2025, 0, 1)) {
  let now = start
  return { now: () => now, advance: (seconds: number) => (now += seconds * 1000) }
}

function problemOf(fn: () => unknown): HttpProblem {
  try {
    fn()
  } catch (err) {
    if (err instanceof HttpProblem) return err
    throw err
  }
  throw new Error('expected an HttpProblem')
}

function expectTokenProblem(fn: () => unknown, reason: string, message: string) {
  const problem = problemOf(fn)
  expect(problem).toMatchObject({
    status: 400,
    code: 'VALIDATION_FAILED',
    message: `The page_token parameter ${message}`,
  })
  expect(problem.fields).toEqual([{ field: 'page_token', message, reason }])
}

describe('page token', () => {
  test('page_token: issued then verified with the same context -> same cursor and page size', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const token = tokens.issue(content, context)
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(tokens.verify(token, context)).toEqual(content)
  })

  test('page_token: page parameters and parameter order differ -> still the same filter', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const token = tokens.issue(content, { ...context, query: { b: '2', a: '1' } })
    expect(
      tokens.verify(token, { ...context, query: { a: '1', page_size: '9', page_token: token, b: ['2'] } }),
    ).toEqual(content)
  })

  test('page_token: filter changed after issuing -> 400 VALIDATION_FAILED naming page_token', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const token = tokens.issue(content, context)
    expectTokenProblem(
      () => tokens.verify(token, { ...context, query: { environment: 'env-2' } }),
      'filter_mismatch',
      'was issued for different filter parameters',
    )
  })

  test('page_token: another API version -> 400 naming both versions', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const token = tokens.issue(content, context)
    expectTokenProblem(
      () => tokens.verify(token, { ...context, apiVersion: 'cmk/v3' }),
      'version_mismatch',
      'was issued for API version cmk/v2, not cmk/v3',
    )
  })

  test('page_token: replayed on another list -> 400 route_mismatch', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const token = tokens.issue(content, context)
    expectTokenProblem(
      () => tokens.verify(token, { ...context, route: 'GET /org/v2/environments' }),
      'route_mismatch',
      'was issued for another list',
    )
  })

  test('page_token: clock passes the ttl -> 400 expired; one second before -> valid', () => {
    const time = clock()
    const tokens = createPageTokenCodec({ secret: SECRET, ttlSeconds: 60, now: time.now })
    const token = tokens.issue(content, context)
    time.advance(59)
    expect(tokens.verify(token, context)).toEqual(content)
    time.advance(1)
    expectTokenProblem(() => tokens.verify(token, context), 'expired', 'has expired')
  })

  test('page_token: payload edited (page size raised) and re-encoded -> 400 signature', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const [body, tag] = tokens.issue(content, context).split('.') as [string, string]
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    payload.s = 1000
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${tag}`
    expectTokenProblem(() => tokens.verify(forged, context), 'signature', 'is not a token this API issued')
  })

  test('page_token: signed with another secret -> 400 signature', () => {
    const other = createPageTokenCodec({ secret: `${SECRET}-other` })
    const tokens = createPageTokenCodec({ secret: SECRET })
    expectTokenProblem(
      () => tokens.verify(other.issue(content, context), context),
      'signature',
      'is not a token this API issued',
    )
  })

  test.each(['garbage', '', '.', 'a.b.c', `${'x'.repeat(5000)}.y`])('page_token: %j -> 400, never a 500', (token) => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const problem = problemOf(() => tokens.verify(token, context))
    expect(problem.status).toBe(400)
    expect(problem.fields?.[0]?.field).toBe('page_token')
  })

  test('property: any JSON-safe sort keys, either direction, any filter -> verify(issue(x)) returns x', () => {
    const tokens = createPageTokenCodec({ secret: SECRET })
    const key = fc.oneof(
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
      fc.boolean(),
    )
    fc.assert(
      fc.property(
        fc.array(key, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<'after' | 'before'>('after', 'before'),
        fc.integer({ min: 1, max: 1000 }),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))),
        (keys, direction, pageSize, query) => {
          const ctx: PageContext = { apiVersion: 'v2', query }
          const original: PageTokenContent = { cursor: { direction, keys }, pageSize }
          expect(tokens.verify(tokens.issue(original, ctx), ctx)).toEqual(original)
        },
      ),
      { numRuns: 300 },
    )
  })

  test('secret rotation: token from the old secret, codec with [new, old] -> verifies; new tokens use the new one', () => {
    const old = createPageTokenCodec({ secret: SECRET })
    const rotated = createPageTokenCodec({ secret: [`new-${SECRET}`, SECRET] })
    expect(rotated.verify(old.issue(content, context), context)).toEqual(content)
    expect(() => old.verify(rotated.issue(content, context), context)).toThrow(HttpProblem)
  })

  test('secret shorter than 32 bytes -> STRATA_ERR_PAGINATION_SECRET_TOO_SHORT at definition', () => {
    expect(() => createPageTokenCodec({ secret: 'short' })).toThrow(/at least 32 bytes/)
    expect(() => createPageTokenCodec({ secret: [] })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PAGINATION_SECRET_TOO_SHORT' }),
    )
  })

  test('ttlSeconds 0 or fractional -> STRATA_ERR_PAGINATION_INVALID_TTL at definition', () => {
    expect(() => createPageTokenCodec({ secret: SECRET, ttlSeconds: 0 })).toThrow(/ttlSeconds/)
    expect(() => createPageTokenCodec({ secret: SECRET, ttlSeconds: 1.5 })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PAGINATION_INVALID_TTL' }),
    )
  })
})

describe('readPageRequest', () => {
  const tokens = createPageTokenCodec({ secret: SECRET })

  test('page request: no token -> page_size from the query, no cursor', () => {
    expect(readPageRequest({ ...context, query: { page_size: '3' } }, { tokens })).toEqual({
      pageSize: 3,
      cursor: undefined,
    })
  })

  test('page request: token plus a different page_size -> the size chosen on the first request', () => {
    const token = tokens.issue(content, context)
    const request = readPageRequest(
      { ...context, query: { ...context.query, page_token: token, page_size: '50' } },
      { tokens },
    )
    expect(request).toEqual({ pageSize: 5, cursor: content.cursor })
  })

  test('page request: maximum lowered since the token was issued -> page size capped', () => {
    const token = tokens.issue(content, context)
    const query = { ...context.query, page_token: token }
    expect(readPageRequest({ ...context, query }, { tokens, pageSize: { max: 2, default: 2 } }).pageSize).toBe(2)
  })

  test('page request: page_token given twice -> 400 naming page_token, reason repeated', () => {
    const problem = problemOf(() => readPageRequest({ ...context, query: { page_token: ['a', 'b'] } }, { tokens }))
    expect(problem.fields).toEqual([{ field: 'page_token', message: 'is given more than once', reason: 'repeated' }])
  })
})
