import { defineApi, defineRoute, defineVersions, fromHeader, integerScheme, type RuntimeOptions } from 'strata'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rawRequest } from '../raw-request.ts'
import { type RunningServer, servers } from './servers.ts'

// Every failure a client can cause reaches it in the API's error format, with X-Request-Id, on
// every adapter: an undecodable URL, malformed JSON, a media type the route does not read, a body
// past the limit, a method no route has.

const options: RuntimeOptions = {
  api: defineApi({
    versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
    negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } },
  }),
  routes: [
    defineRoute({
      method: 'POST',
      path: '/notes/:id',
      body: { type: 'object', properties: { text: { type: 'string' } } },
      handler: ({ body }) => body,
    }),
  ],
  bodyLimit: 1024,
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe.each(servers)('client-caused failures on $name', ({ start }) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start(options)
  })
  afterAll(async () => {
    await server?.close()
  })

  const send = (path: string, method: string, body: string | undefined, type?: string) =>
    rawRequest(server.url, path, {
      method,
      headers: {
        ...(type !== undefined ? { 'content-type': type } : {}),
        ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      },
      ...(body !== undefined ? { raw: body } : {}),
    })

  test.each([
    ['path with invalid percent-encoding', '/notes/%E0%A4%A', 'POST', '{}', 'application/json', 400, 'INVALID_REQUEST'],
    ['malformed JSON', '/notes/1', 'POST', '{"text":', 'application/json', 400, 'INVALID_REQUEST'],
    ['text/plain on a JSON route', '/notes/1', 'POST', 'hello', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'body past the limit',
      '/notes/1',
      'POST',
      JSON.stringify({ text: 'x'.repeat(2000) }),
      'application/json',
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['a method no route has', '/notes/1', 'PUT', undefined, undefined, 405, 'METHOD_NOT_ALLOWED'],
    ['an unknown method token', '/notes/1', 'PURGE', undefined, undefined, 405, 'METHOD_NOT_ALLOWED'],
  ] as const)(
    '%s -> the status and code in the envelope, with X-Request-Id',
    async (_, path, method, body, type, status, code) => {
      const res = await send(path, method, body, type)
      expect([res.status, res.body?.error?.code]).toEqual([status, code])
      expect(res.body).toMatchObject({ status: String(status), error: { message: expect.any(String) } })
      expect(res.headers['x-request-id']).toMatch(UUID_V7)
      expect(res.body.requestId).toBe(res.headers['x-request-id'])
    },
  )

  test('a well-formed X-Request-Id -> kept on the answer; one with a space -> replaced by a UUIDv7', async () => {
    const kept = await rawRequest(server.url, '/notes/1', {
      method: 'POST',
      body: {},
      headers: { 'x-request-id': 'abc-123' },
    })
    expect([kept.status, kept.headers['x-request-id']]).toEqual([200, 'abc-123'])
    const replaced = await rawRequest(server.url, '/nowhere', { headers: { 'x-request-id': 'a b' } })
    expect(replaced.status).toBe(404)
    expect(replaced.headers['x-request-id']).toMatch(UUID_V7)
    expect(replaced.body.requestId).toBe(replaced.headers['x-request-id'])
  })
})
