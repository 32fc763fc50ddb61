import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { RunningServer } from '../../e2e/conformance/servers.ts'
import { corpus } from './corpus.ts'
import { budget, expectNoInternals, expectRefusal, send, servers, startCalendar } from './harness.ts'

// Every adapter answers known-bad and generated requests with a 4xx in the calendar API's envelope:
// never a 5xx, a stack trace or a hang, and it keeps serving good requests afterwards.

describe.each(servers)('hostile input on $name', ({ start }) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startCalendar(start)
  })
  afterAll(async () => {
    await server?.close()
  })

  test.each(corpus.map((c) => [c.name, c] as const))('%s -> its 4xx in the envelope', async (_name, bad) => {
    const reply = await send(server.url, bad)
    expectRefusal(reply, bad.status, bad.type)
  })

  test('after the whole corpus -> a good create and read still answer 200, and no prototype was polluted', async () => {
    const created = await send(server.url, {
      method: 'POST',
      target: '/api/v1/assets',
      headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
      body: '{"title":"pump","metadata":{"constructor":"x","prototype":"y","toString":"z"}}',
    })
    expect(created.status).toBe(201)
    expect(created.body.metadata).toEqual({ constructor: 'x', prototype: 'y', toString: 'z' })
    const read = await send(server.url, {
      target: `/api/v1/assets/${created.body.id}`,
      headers: { 'cdf-version': '20230101' },
    })
    expect([read.status, read.body.name, read.body.metadata.prototype]).toEqual([200, 'pump', 'y'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
  })

  test('property: any Cdf-Version value (garbage, huge, unicode, repeated) -> 2xx or a 400/410 in the envelope', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.stringMatching(/^\d{8}(-beta)?$/),
      fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => Buffer.from(s).toString('latin1')),
      fc.integer({ min: 1, max: 6000 }).map((n) => '2'.repeat(n)),
    )
    // Header values cannot carry CR, LF or NUL on the wire: those are the parser's 400, tested in the corpus.
    const clean = value.map((v) => v.replace(/[\r\n\0]/g, ''))
    await fc.assert(
      fc.asyncProperty(fc.array(clean, { minLength: 1, maxLength: 3 }), async (values) => {
        const versioned = await send(server.url, { target: '/api/v1/assets', headers: { 'cdf-version': values } })
        expect(versioned.status, versioned.text.slice(0, 200)).toBeLessThan(500)
        if (versioned.status >= 400) expectRefusal(versioned, versioned.status)
      }),
      budget(25),
    )
  })

  test('property: any path and query under /api/v1 -> never a 5xx, refusals in the envelope', async () => {
    const segment = fc.oneof(
      fc.webSegment(),
      fc.string({ unit: 'binary-ascii', maxLength: 12 }).map((s) => encodeURIComponent(s)),
      fc.constantFrom('..', '.', '%2F', '%00', '%zz', '%C0%AF', '%ED%A0%80', 'assets', '1'),
    )
    const query = fc.array(fc.tuple(fc.constantFrom('limit', 'size', 'cursor', 'x'), fc.webSegment()), { maxLength: 8 })
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 4 }), query, async (segments, pairs) => {
        const target = `/api/v1/${segments.join('/')}${pairs.length > 0 ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`
        const reply = await send(server.url, { target, headers: { 'cdf-version': '20240601' } })
        expect(reply.status, `${target} -> ${reply.text.slice(0, 200)}`).toBeLessThan(500)
        if (reply.status >= 400) expectRefusal(reply, reply.status)
      }),
      budget(20),
    )
  })

  test('property: any JSON body (prototype keys included) -> 2xx or a 4xx in the envelope, no pollution', async () => {
    const key = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'name', 'title'),
    )
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }).map((d) => JSON.stringify(d)),
      fc.string({ maxLength: 30 }),
    )
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const reply = await send(server.url, {
          method: 'POST',
          target: '/api/v1/assets',
          headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
          body: text,
        })
        expect(reply.status, `${text.slice(0, 100)} -> ${reply.text.slice(0, 200)}`).toBeLessThan(500)
        if (reply.status >= 400) expectRefusal(reply, reply.status)
        else expectNoInternals(reply.text)
        expect(Object.prototype).not.toHaveProperty('polluted')
      }),
      budget(40),
    )
  })
})
