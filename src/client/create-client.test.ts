import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { isApiError } from './api-error.ts'
import { ClientError } from './client-error.ts'
import { isClientOptionsError } from './client-options-error.ts'
import { createClient } from './create-client.ts'
import { isTimeoutError } from './timeout-error.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const serve = async (...args: Parameters<typeof startScriptedServer>) => {
  server = await startScriptedServer(...args)
  return server
}
// biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
type Json = any

describe('version placement', () => {
  test('header placement: Cdf-Version 20230205 -> sent on the request; version read from the echoed header', async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { id: 7 }, { 'cdf-version': '20230201' }))
    const client = createClient({ baseUrl: `${s.url}/api/v1`, version: { header: 'Cdf-Version', value: '20230205' } })
    const res = await client.get('/assets/{id}', {
      params: { id: 7 },
      query: { limit: 2, tags: ['a', 'b'], none: undefined },
    })
    expect(s.requests[0]?.url).toBe('/api/v1/assets/7?limit=2&tags=a&tags=b')
    expect(s.requests[0]?.headers['cdf-version']).toBe('20230205')
    expect(res).toMatchObject({ status: 200, body: { id: 7 }, version: '20230201' })
  })

  test('segment per prefix: /cmk -> v1, /iam -> v2, other paths untouched; api_version in the body is the version', async () => {
    const s = await serve((req, res) => sendJson(res, 200, { api_version: req.url.split('/').slice(1, 3).join('/') }))
    const client = createClient({
      baseUrl: s.url,
      versionByPrefix: { '/cmk': { segment: 'v1' }, '/iam': { segment: 'v2' } },
    })
    const cmk = await client.get('/cmk/clusters')
    await client.get('/iam/service-accounts/{id}', { params: { id: 'sa 1' } })
    await client.get('/iam/v2/api-keys')
    await client.get('/cmkx/other')
    expect(s.requests.map((r) => r.url)).toEqual([
      '/cmk/v1/clusters',
      '/iam/v2/service-accounts/sa%201',
      '/iam/v2/api-keys',
      '/cmkx/other',
    ])
    expect(cmk.version).toBe('cmk/v1')
  })

  test('per request: X-API-Version placement without a value -> none sent; version "3" on one request -> sent there only', async () => {
    const s = await serve((req, res) =>
      sendJson(res, 200, {}, { 'x-api-version-used': String(req.headers['x-api-version'] ?? '1') }),
    )
    const client = createClient({ baseUrl: s.url, version: { header: 'X-API-Version' } })
    const plain = await client.get('/api/devices')
    const pinned = await client.get('/api/devices', { version: '3' })
    expect(s.requests.map((r) => r.headers['x-api-version'])).toEqual([undefined, '3'])
    expect([plain.version, pinned.version]).toEqual(['1', '3'])
  })

  test('media-type placement: Accept and Content-Type carry version=2', async () => {
    const s = await serve((req, res) => sendJson(res, 201, req.json))
    const client = createClient({
      baseUrl: s.url,
      version: { mediaType: 'application/vnd.acme+json', value: '2' },
    })
    const res = await client.post('/things', { body: { name: 'a' } })
    expect(s.requests[0]?.headers.accept).toBe('application/vnd.acme+json; version=2')
    expect(s.requests[0]?.headers['content-type']).toBe('application/vnd.acme+json; version=2')
    expect(res.body).toEqual({ name: 'a' })
  })

  test('a per-request version value with no placement configured -> ClientOptionsError saying where to set one', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9' })
    await expect(client.get('/x', { version: '2' })).rejects.toThrow(/version: \{ header: 'X-API-Version' \}/)
  })
})

describe('requests and responses', () => {
  test('POST -> JSON body, Idempotency-Key (a UUID), attempt number 1, default headers; 204 -> body undefined', async () => {
    const s = await serve((req, res) => (req.method === 'DELETE' ? res.writeHead(204).end() : sendJson(res, 201, {})))
    const client = createClient({ baseUrl: s.url, headers: { 'user-agent': 'strata-test' } })
    await client.post('/things', { body: { a: 1 } })
    await client.post('/things', { body: { a: 1 }, idempotencyKey: 'mine-1' })
    const removed = await client.delete('/things/1')
    const [first, second, third] = s.requests
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(second?.headers['idempotency-key']).toBe('mine-1')
    expect(third?.headers['idempotency-key']).toBeUndefined()
    expect([first?.headers['x-attempt-number'], first?.headers['user-agent'], first?.body]).toEqual([
      '1',
      'strata-test',
      '{"a":1}',
    ])
    expect([removed.status, removed.body]).toEqual([204, undefined])
  })

  test('404 in the Confluent envelope -> ApiError with code, message, suggestion, requestId, doc_url; message names method and URL', async () => {
    const s = await serve((_req, res) =>
      sendJson(res, 404, {
        status: '404',
        error: { code: 'NOT_FOUND', message: 'Asset 7 does not exist', suggestion: 'List assets.', path: '/x' },
        requestId: 'req-9',
        doc_url: 'https://docs.example.com/errors/NOT_FOUND',
      }),
    )
    const error = await createClient({ baseUrl: s.url })
      .get('/assets/7')
      .catch((e: unknown) => e)
    expect(isApiError(error, 404)).toBe(true)
    expect(error).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      serverMessage: 'Asset 7 does not exist',
      suggestion: 'List assets.',
      requestId: 'req-9',
      docUrl: 'https://docs.example.com/errors/NOT_FOUND',
      message: `GET ${s.url}/assets/7 answered 404 NOT_FOUND: Asset 7 does not exist`,
    })
  })

  test('2xx labelled JSON that is not JSON -> ClientError naming the URL, not a bare SyntaxError', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":'))
    const error = await createClient({ baseUrl: s.url })
      .get('/broken')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClientError)
    expect((error as Error).message).toContain(`GET ${s.url}/broken answered 200 with a body that is not JSON`)
  })

  test('text/plain answer -> the text as body', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('pong'))
    expect((await createClient({ baseUrl: s.url }).get('/ping')).body).toBe('pong')
  })

  test('server that never answers, timeout 200 ms -> TimeoutError after about 200 ms', async () => {
    const s = await serve(() => {})
    const started = Date.now()
    const error = await createClient({ baseUrl: s.url, timeout: 200 })
      .get('/slow')
      .catch((e: unknown) => e)
    expect(isTimeoutError(error)).toBe(true)
    expect((error as Error).message).toBe(`GET ${s.url}/slow timed out after 200 ms`)
    expect(Date.now() - started).toBeLessThan(5000)
  })

  test('AbortSignal aborted mid-request -> rejects with the signal reason', async () => {
    const s = await serve(() => {})
    const controller = new AbortController()
    const pending = createClient({ baseUrl: s.url }).get('/slow', { signal: controller.signal })
    setTimeout(() => controller.abort(new Error('user gave up')), 50)
    await expect(pending).rejects.toThrow('user gave up')
  })
})

describe('bad options -> ClientOptionsError with the fix', () => {
  test.each([
    [{ baseUrl: 'example.com' }, /baseUrl must be an absolute http\(s\) URL/],
    [{ baseUrl: 'ftp://example.com' }, /baseUrl must be an absolute http\(s\) URL/],
    [{ baseUrl: 'http://x', version: { header: 'bad header' } }, /version.header must be a header name/],
    [{ baseUrl: 'http://x', version: { segment: 'v1/v2' } }, /segment must be one path segment/],
    [{ baseUrl: 'http://x', version: { path: 'v1' } }, /must be \{ header, value\? \}/],
    [{ baseUrl: 'http://x', versionByPrefix: { cmk: { segment: 'v1' } } }, /keys must start with '\/'/],
    [{ baseUrl: 'http://x', retry: { limit: -1 } }, /retry.limit must be a number >= 0/],
    [{ baseUrl: 'http://x', timeout: Number.NaN }, /timeout must be a number of milliseconds/],
    [{ baseUrl: 'http://x', auth: { apiKey: { id: 'a:b', secret: 's' } } }, /may not contain ":"/],
    [{ baseUrl: 'http://x', auth: { oauth2: { tokenUrl: 'nope', clientId: 'c', clientSecret: 's' } } }, /absolute URL/],
    [{ baseUrl: 'http://x', auth: { password: 'x' } }, /auth must be/],
  ])('%j -> %s', (options, message) => {
    let caught: unknown
    try {
      createClient(options as never)
    } catch (error) {
      caught = error
    }
    expect(isClientOptionsError(caught)).toBe(true)
    expect((caught as Error).message).toMatch(message)
    expect((caught as Error).message).toContain('[STRATA_ERR_CLIENT_INVALID_OPTION]')
  })

  test('path template without its param -> ClientOptionsError naming params.id', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9' })
    await expect(client.get('/assets/{id}')).rejects.toThrow('The path /assets/{id} needs params.id')
  })

  test('absolute URL on another origin -> refused, nothing sent there', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', auth: { bearer: 't' } })
    await expect(client.get('http://evil.example/steal')).rejects.toThrow(/Refusing to send a request/)
  })

  test('method not HTTP -> ClientOptionsError', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9' })
    await expect(client.request('FETCH' as 'GET', '/x')).rejects.toThrow("Unknown HTTP method 'FETCH'")
  })
})

test('response version: no header, no api_version, segment placement -> the segment sent', async () => {
  const s = await serve((_req, res) => sendJson(res, 200, [1, 2]))
  const res = await createClient({ baseUrl: s.url, versionByPrefix: { '/g': { segment: 'v3' } } }).get('/g/x')
  expect((res.body as Json).length).toBe(2)
  expect(res.version).toBe('v3')
})
