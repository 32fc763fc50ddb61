import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { type ApiOptions, defineApi } from '../../api/index.ts'
import { HttpProblem } from '../../conventions/error/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { calendarScheme, defineVersions, integerScheme } from '../../version/index.ts'
import { strata } from './plugin.ts'

const versions = defineVersions({
  scheme: calendarScheme(),
  versions: [
    { id: '2023-01-01', deprecated: '2025-01-01', sunset: '2025-12-01' },
    { id: '2024-01-01', deprecated: '2026-01-01', sunset: '2027-01-01' },
    { id: '2025-06-01' },
    { id: '2025-09-01', stage: 'early-access' },
  ],
})
const now = new Date('2026-03-01T00:00:00Z')

let app: FastifyInstance
afterEach(() => app?.close())

async function build(options: Partial<ApiOptions> = {}, principal?: (h: string | undefined) => unknown) {
  app = Fastify({ ajv: { customOptions: { allErrors: true } } })
  const api = defineApi({
    versions,
    negotiation: { sources: [fromHeader('Api-Version')], default: { version: '2025-06-01' } },
    clock: () => now,
    lifecycle: { earlyAccess: { allow: (p) => p === 'insider' } },
    ...options,
  })
  await app.register(strata, {
    api,
    ...(principal ? { principal: (req) => principal(req.headers['x-user'] as string | undefined) } : {}),
  })
  app.get('/things/:id', (req) => ({ id: (req.params as { id: string }).id, version: req.strata.label }))
  app.post(
    '/things',
    {
      schema: {
        body: {
          type: 'object',
          required: ['name', 'size'],
          properties: { name: { type: 'string' }, size: { type: 'integer' } },
        },
      },
    },
    () => ({ ok: true }),
  )
  app.get('/boom', () => {
    throw new Error('secret database password in this message')
  })
  app.get('/gone', () => {
    throw new HttpProblem({ status: 404, code: 'NOT_FOUND', message: 'Thing 7 does not exist.' })
  })
  return app
}

describe('Fastify plugin', () => {
  test('request with a deprecated version -> handler sees it; Deprecation, Sunset, used and supported headers', async () => {
    await build()
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2024-03-01' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ id: '1', version: '2024-01-01' })
    expect(res.headers).toMatchObject({
      'x-api-version-used': '2024-01-01',
      'x-api-versions-supported': '2024-01-01, 2025-06-01',
      deprecation: '@1767225600',
      sunset: 'Fri, 01 Jan 2027 00:00:00 GMT',
    })
  })

  test('sunset version -> 410 in the envelope naming the newest supported version and how to send it', async () => {
    await build()
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2023-06-01' } })
    expect(res.statusCode).toBe(410)
    expect(res.json()).toEqual({
      status: '410',
      error: {
        code: 'VERSION_SUNSET',
        message: 'API version 2023-01-01 was sunset on 2025-12-01 and is no longer served',
        timestamp: '2026-03-01T00:00:00Z',
        path: '/things/1',
        suggestion: 'Upgrade to 2025-06-01, the newest supported version: send Api-Version: 2025-06-01.',
        requested_version: '2023-01-01',
        latest_version: '2025-06-01',
        supported_versions: ['2024-01-01', '2025-06-01'],
      },
      requestId: expect.any(String),
    })
    expect(res.headers['x-api-versions-supported']).toBe('2024-01-01, 2025-06-01')
  })

  test('sunset version with a custom sunset status -> that status', async () => {
    await build({ lifecycle: { sunsetStatus: 404 } })
    expect((await app.inject({ url: '/things/1', headers: { 'api-version': '2023-06-01' } })).statusCode).toBe(404)
  })

  test('early-access version, principal not granted -> 403 VERSION_EARLY_ACCESS, never a fallback', async () => {
    await build({}, (user) => user)
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2025-09-01', 'x-user': 'someone' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().error.code).toBe('VERSION_EARLY_ACCESS')
  })

  test('early-access version -> never listed in the supported versions, even to a granted principal', async () => {
    await build({}, (user) => user)
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2025-09-01', 'x-user': 'insider' } })
    expect(res.headers['x-api-versions-supported']).toBe('2024-01-01, 2025-06-01')
  })

  test('early-access version, principal granted -> served at that version', async () => {
    await build({}, (user) => user)
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2025-09-01', 'x-user': 'insider' } })
    expect(res.json()).toEqual({ id: '1', version: '2025-09-01' })
  })

  test('early-access configured to hide -> 404 NOT_FOUND for others', async () => {
    await build({ lifecycle: { earlyAccess: { allow: () => false, deny: 404 } } })
    const res = await app.inject({ url: '/things/1', headers: { 'api-version': '2025-09-01' } })
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND'])
  })

  test('unknown route -> 404 in the envelope, still carrying version headers', async () => {
    await build()
    const res = await app.inject({ url: '/nothing', headers: { 'api-version': '2024-01-01' } })
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'No route matches GET /nothing' })
    expect(res.headers).toMatchObject({ 'x-api-version-used': '2024-01-01', deprecation: '@1767225600' })
  })

  test('unknown route asked with a garbage or sunset version -> 404, not a version error', async () => {
    await build()
    for (const version of ['nope', '2023-06-01']) {
      const res = await app.inject({ url: '/nothing', headers: { 'api-version': version } })
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND'])
    }
  })

  test('wrong method on a known path -> 405 with Allow', async () => {
    await build()
    const res = await app.inject({ method: 'DELETE', url: '/things/1' })
    expect(res.statusCode).toBe(405)
    expect(res.headers.allow).toBe('GET')
  })

  test('body failing two rules -> 422 listing both fields, with version headers', async () => {
    await build()
    const res = await app.inject({ method: 'POST', url: '/things', payload: { size: 'big' } })
    expect(res.statusCode).toBe(422)
    expect(res.headers['x-api-version-used']).toBe('2025-06-01')
    const fields = res.json().error.fields.map((f: { field: string }) => f.field)
    expect(fields).toEqual(['name', 'size'])
  })

  test('malformed JSON body -> 400 INVALID_REQUEST, not a stack trace', async () => {
    await build()
    const res = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    })
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_REQUEST'])
  })

  test('handler throws an unexpected error -> 500 INTERNAL that reveals nothing of it', async () => {
    await build()
    const res = await app.inject({ url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('password')
    expect(res.json().error.code).toBe('INTERNAL')
  })

  test('handler throws an HttpProblem whose message ends in a period -> envelope message without it', async () => {
    await build()
    const res = await app.inject({ url: '/gone' })
    expect(res.json().error.message).toBe('Thing 7 does not exist')
  })

  test('Accept: application/problem+json -> RFC 9457 body and media type', async () => {
    await build()
    const res = await app.inject({
      url: '/things/1',
      headers: { 'api-version': 'nope', accept: 'application/problem+json' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(res.json()).toMatchObject({
      type: 'about:blank',
      status: 400,
      code: 'VERSION_MALFORMED',
      instance: '/things/1',
    })
  })

  test('debug header turned on -> the reason for the choice', async () => {
    await build({ headers: { explain: 'X-API-Version-Reason' } })
    const res = await app.inject({ url: '/things/1' })
    expect(res.headers['x-api-version-reason']).toBe(
      'no version requested: the default 2025-06-01 resolved to 2025-06-01',
    )
  })

  test('time passes a sunset date -> the same version is refused without a restart', async () => {
    let clock = new Date('2026-06-01')
    app = Fastify()
    await app.register(strata, {
      api: defineApi({ versions, negotiation: { sources: [fromHeader('Api-Version')] }, clock: () => clock }),
    })
    app.get('/x', () => 'ok')
    const ask = () => app.inject({ url: '/x', headers: { 'api-version': '2024-01-01' } })
    expect((await ask()).statusCode).toBe(200)
    clock = new Date('2027-01-02')
    expect((await ask()).statusCode).toBe(410)
  })
})

describe('Fastify plugin: scopes', () => {
  const endpointVersions = defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }, { id: '2' }] })

  test('route in an endpoint scope -> negotiated against that scope, with its own default', async () => {
    app = Fastify()
    const api = defineApi({
      versions,
      negotiation: { sources: [fromHeader('Api-Version')] },
      scopes: { snapshots: { versions: endpointVersions, negotiation: { default: { version: '1' } } } },
      clock: () => now,
    })
    await app.register(strata, { api })
    app.get('/snapshots', { config: { strata: { scope: 'snapshots' } } }, (req) => ({ v: req.strata.label }))
    expect((await app.inject({ url: '/snapshots' })).json()).toEqual({ v: '1' })
    expect((await app.inject({ url: '/snapshots', headers: { 'api-version': '2' } })).json()).toEqual({ v: '2' })
    const res = await app.inject({ url: '/snapshots', headers: { 'api-version': '3' } })
    expect([res.statusCode, res.headers['x-api-versions-supported']]).toEqual([410, '1, 2'])
  })

  test('route naming an undeclared scope -> STRATA_ERR_API_UNKNOWN_SCOPE when the route is added', async () => {
    app = Fastify()
    await app.register(strata, { api: defineApi({ versions, negotiation: { sources: [fromHeader('Api-Version')] } }) })
    expect(() => app.get('/x', { config: { strata: { scope: 'nope' } } }, () => 'x')).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_API_UNKNOWN_SCOPE' }),
    )
  })
})
