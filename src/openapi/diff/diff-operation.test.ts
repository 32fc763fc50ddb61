import { describe, expect, test } from 'vitest'
import { brief, diff, spec } from '../../../test/helpers/openapi-pair.ts'

const ok = { '200': { description: 'ok' } }
const get = (operation: Record<string, unknown>) => spec({ '/assets/{id}': { get: { responses: ok, ...operation } } })
const op = '#/paths/~1assets~1{id}/get'

describe('operations and paths', () => {
  test('operation removed without deprecation -> breaking', () => {
    expect(brief(diff(get({}), spec({})))).toEqual([`breaking operation-removed ${op}`])
  })

  test('path parameter renamed /assets/{id} -> /assets/{assetId} -> nothing', () => {
    const old = spec({
      '/assets/{id}': {
        get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok },
      },
    })
    const next = spec({
      '/assets/{assetId}': {
        get: {
          parameters: [{ name: 'assetId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: ok,
        },
      },
    })
    expect(brief(diff(old, next))).toEqual([])
  })

  test('deprecated operation removed before its x-sunset -> breaking; after it -> info', () => {
    expect(brief(diff(get({ deprecated: true, 'x-sunset': '2099-01-01' }), spec({})))).toEqual([
      `breaking operation-removed-before-sunset ${op}`,
    ])
    expect(brief(diff(get({ deprecated: true, 'x-sunset': '2020-01-01' }), spec({})))).toEqual([
      `info operation-removed-after-deprecation ${op}`,
    ])
  })

  test('alpha operation loses a parameter -> info (exempt under strict)', () => {
    const param = { name: 'q', in: 'query', schema: { type: 'string' } }
    const findings = diff(
      get({ 'x-stability-level': 'alpha', parameters: [param] }),
      get({ 'x-stability-level': 'alpha' }),
    )
    expect(brief(findings)).toEqual([`info request-parameter-removed ${op}/parameters/0`])
    expect(findings[0]?.message).toContain('(not breaking: the operation is x-stability-level alpha)')
  })

  test('deprecation with a sunset 30 days away under confluent (180 days) -> warning', async () => {
    const { confluentPolicy } = await import('../policy/presets.ts')
    const findings = diff(get({}), get({ deprecated: true, 'x-sunset': '2025-07-01' }), { policy: confluentPolicy })
    expect(brief(findings)).toEqual([`warning deprecation-notice-too-short ${op}`, `info deprecated ${op}`])
  })

  test('x-stability-level stable -> draft -> breaking', () => {
    expect(brief(diff(get({ 'x-stability-level': 'stable' }), get({ 'x-stability-level': 'draft' })))).toEqual([
      `breaking stability-decreased ${op}`,
    ])
  })
})

describe('parameters', () => {
  const q = (extra: Record<string, unknown> = {}) => ({
    name: 'limit',
    in: 'query',
    schema: { type: 'integer' },
    ...extra,
  })

  test('query parameter replaced by another name with another type -> breaking removal + addition', () => {
    const next = get({ parameters: [q({ name: 'pageSize', schema: { type: 'string' } })] })
    expect(brief(diff(get({ parameters: [q()] }), next))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `info optional-request-parameter-added ${op}/parameters/0`,
    ])
  })

  test('required query parameter added -> breaking; optional -> info', () => {
    expect(brief(diff(get({}), get({ parameters: [q({ required: true })] })))).toEqual([
      `breaking required-request-parameter-added ${op}/parameters/0`,
    ])
  })

  test('parameter became required -> breaking', () => {
    expect(brief(diff(get({ parameters: [q()] }), get({ parameters: [q({ required: true })] })))).toEqual([
      `breaking request-parameter-became-required ${op}/parameters/0`,
    ])
  })

  test('$ref parameter and path-level parameter compared like inline ones', () => {
    const old = {
      ...spec({ '/assets/{id}': { parameters: [{ $ref: '#/components/parameters/Limit' }], get: { responses: ok } } }),
    }
    const withParam = (maximum: number) => ({
      ...old,
      components: { schemas: {}, parameters: { Limit: q({ schema: { type: 'integer', maximum } }) } },
    })
    expect(brief(diff(withParam(1000), withParam(100)))).toEqual([
      'breaking request-limit-tightened #/components/parameters/Limit/schema',
    ])
  })

  test('query parameter string -> integer -> breaking; integer -> string -> not breaking (text on the wire)', () => {
    expect(brief(diff(get({ parameters: [q({ schema: { type: 'string' } })] }), get({ parameters: [q()] })))).toEqual([
      `breaking request-type-changed ${op}/parameters/0/schema`,
    ])
    expect(brief(diff(get({ parameters: [q()] }), get({ parameters: [q({ schema: { type: 'string' } })] })))).toEqual([
      `info request-type-widened ${op}/parameters/0/schema`,
    ])
  })
})

describe('request bodies and responses', () => {
  const post = (operation: Record<string, unknown>) => spec({ '/pets': { post: { responses: ok, ...operation } } })
  const json = { content: { 'application/json': { schema: { type: 'object' } } } }

  test('request media type removed -> breaking', () => {
    const both = { content: { ...json.content, 'application/xml': { schema: { type: 'object' } } } }
    expect(brief(diff(post({ requestBody: both }), post({ requestBody: json })))).toEqual([
      'breaking request-media-type-removed #/paths/~1pets/post/requestBody/content/application~1xml',
    ])
  })

  test('request body became required -> breaking', () => {
    expect(brief(diff(post({ requestBody: json }), post({ requestBody: { ...json, required: true } })))).toEqual([
      'breaking request-body-became-required #/paths/~1pets/post/requestBody',
    ])
  })

  test('success status 200 replaced by 201 (Cognite: 2xx to another 2xx) -> breaking', () => {
    const findings = diff(post({}), post({ responses: { '201': { description: 'created' } } }))
    expect(brief(findings)).toEqual([
      'breaking success-response-removed #/paths/~1pets/post/responses/200',
      'info response-added #/paths/~1pets/post/responses/201',
    ])
    expect(findings[0]?.message).toBe('Response 200 was removed (replaced by 201); clients expecting it will fail.')
  })

  test('error response format changed (a field of the 400 body removed) -> breaking', () => {
    const err = (properties: Record<string, unknown>) => ({
      '400': { description: 'bad', content: { 'application/json': { schema: { type: 'object', properties } } } },
    })
    const findings = diff(
      post({ responses: { ...ok, ...err({ code: { type: 'string' }, message: { type: 'string' } }) } }),
      post({ responses: { ...ok, ...err({ message: { type: 'string' } }) } }),
    )
    expect(brief(findings)).toEqual([
      'breaking response-property-removed #/paths/~1pets/post/responses/400/content/application~1json/schema/properties/code',
    ])
  })

  test('response header removed -> breaking', () => {
    const h = { '200': { description: 'ok', headers: { 'X-RateLimit-Remaining': { schema: { type: 'integer' } } } } }
    expect(brief(diff(post({ responses: h }), post({})))).toEqual([
      'breaking response-header-removed #/paths/~1pets/post/responses/200/headers/X-RateLimit-Remaining',
    ])
  })
})

describe('security', () => {
  const securitySchemes = {
    oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: { read: '', write: '' } } } },
    apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' },
  }
  const secured = (security: unknown) => {
    const doc = spec({ '/pets': { get: { responses: ok, security } } })
    return { ...doc, components: { ...doc.components, securitySchemes } }
  }

  test('auth required where there was none -> breaking', () => {
    expect(brief(diff(secured([]), secured([{ oauth: ['read'] }])))).toEqual([
      'breaking security-requirement-added #/paths/~1pets/get',
    ])
  })

  test('scope added -> breaking; alternative added -> info', () => {
    expect(brief(diff(secured([{ oauth: ['read'] }]), secured([{ oauth: ['read', 'write'] }])))).toEqual([
      'breaking security-requirement-added #/paths/~1pets/get',
    ])
    expect(brief(diff(secured([{ oauth: ['read'] }]), secured([{ oauth: ['read'] }, { apiKey: [] }])))).toEqual([
      'info security-requirement-relaxed #/paths/~1pets/get',
    ])
  })
})

describe('operations keyed by method and normalised template', () => {
  const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
  const user = (nullable: boolean) => ({
    description: 'ok',
    content: {
      'application/json': {
        schema: { type: 'object', properties: { login: { type: 'string', ...(nullable ? { nullable: true } : {}) } } },
      },
    },
  })
  const twoTemplates = (nullable: boolean) =>
    spec({
      '/things/{a}': { get: { parameters: [param('a')], responses: ok } },
      '/things/{b}': { delete: { parameters: [param('b')], responses: { '200': user(nullable) } } },
    })

  test('GET /things/{a} and DELETE /things/{b}, unchanged, listed in another order -> nothing removed', () => {
    const old = twoTemplates(false)
    const next = { ...old, paths: Object.fromEntries(Object.entries(old.paths).reverse()) }
    expect(brief(diff(old, next))).toEqual([])
  })

  test('DELETE /things/{b} whose response property became nullable, beside GET /things/{a} -> reported there', () => {
    const findings = diff(twoTemplates(false), twoTemplates(true))
    expect(brief(findings)).toEqual([
      'breaking response-became-nullable #/paths/~1things~1{b}/delete/responses/200/content/application~1json/schema/properties/login',
    ])
    expect(findings[0]?.location).toMatchObject({ method: 'DELETE', path: '/things/{b}' })
  })

  test('DELETE moved from /things/{b} to /things/{a} -> nothing', () => {
    const old = twoTemplates(false)
    const next = spec({
      '/things/{a}': {
        get: { parameters: [param('a')], responses: ok },
        delete: { parameters: [param('a')], responses: { '200': user(false) } },
      },
    })
    expect(brief(diff(old, next))).toEqual([])
  })
})

describe('webhooks', () => {
  const hook = (type: string) => ({
    post: {
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type } } } } } },
      responses: ok,
    },
  })
  const spec30 = (webhooks: Record<string, unknown>) => ({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {},
    'x-webhooks': webhooks,
  })

  test('3.0 x-webhooks: a webhook removed -> breaking webhook-removed', () => {
    expect(
      brief(diff(spec30({ ping: hook('string'), push: hook('string') }), spec30({ ping: hook('string') }))),
    ).toEqual(['breaking webhook-removed #/x-webhooks/push/post'])
  })

  test('3.0 x-webhooks: payload property type changed -> compared like 3.1 webhooks (response direction)', () => {
    expect(brief(diff(spec30({ ping: hook('string') }), spec30({ ping: hook('integer') })))).toEqual([
      'breaking response-type-changed #/x-webhooks/ping/post/requestBody/content/application~1json/schema/properties/id',
    ])
  })
})

describe('request bodies without a schema, and error responses', () => {
  const op = (method: string, operation: Record<string, unknown>) =>
    spec({ '/pets': { [method]: { responses: ok, ...operation } } })
  const examplesOnly = { content: { 'application/json': { examples: { one: { value: { a: 1 } } } } } }

  test('schema-less request body (examples only) dropped from a GET -> info', () => {
    expect(brief(diff(op('get', { requestBody: examplesOnly }), op('get', {})))).toEqual([
      'info request-body-removed-from-get #/paths/~1pets/get/requestBody',
    ])
  })

  test('request body with a schema dropped from a GET, or a schema-less one from a POST -> still breaking', () => {
    const typed = { content: { 'application/json': { schema: { type: 'object' } } } }
    expect(brief(diff(op('get', { requestBody: typed }), op('get', {})))).toEqual([
      'breaking request-body-removed #/paths/~1pets/get/requestBody',
    ])
    expect(brief(diff(op('post', { requestBody: examplesOnly }), op('post', {})))).toEqual([
      'breaking request-body-removed #/paths/~1pets/post/requestBody',
    ])
  })

  const notFound = (content?: Record<string, unknown>) => ({
    ...ok,
    '404': { description: 'not found', ...(content === undefined ? {} : { content }) },
  })
  const errorBody = { 'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } } }

  test('error response loses its body, its schema, or goes altogether -> the same severity (info)', () => {
    const before = op('get', { responses: notFound(errorBody) })
    const lost = [
      diff(before, op('get', { responses: notFound() })),
      diff(before, op('get', { responses: notFound({ 'application/json': {} }) })),
      diff(before, op('get', { responses: ok })),
    ]
    expect(lost.map(brief)).toEqual([
      ['info error-response-body-removed #/paths/~1pets/get/responses/404/content/application~1json'],
      ['info error-response-body-removed #/paths/~1pets/get/responses/404/content/application~1json/schema'],
      ['info error-response-removed #/paths/~1pets/get/responses/404'],
    ])
  })

  test('success response loses its media type or schema -> still breaking', () => {
    const typed = { '200': { description: 'ok', content: errorBody } }
    expect(brief(diff(op('get', { responses: typed }), op('get', { responses: ok })))).toEqual([
      'breaking response-media-type-removed #/paths/~1pets/get/responses/200/content/application~1json',
    ])
  })
})

test('onOperation: every operation of both documents is told once, matched, removed or added', () => {
  const param = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
  const old = spec({
    '/things/{a}': { get: { parameters: [param('a')], responses: ok } },
    '/things/{b}': { delete: { parameters: [param('b')], responses: ok } },
    '/gone': { post: { responses: ok } },
  })
  const next = spec({
    '/things/{id}': {
      get: { parameters: [param('id')], responses: ok },
      delete: { parameters: [param('id')], responses: ok },
    },
    '/new': { put: { responses: ok } },
  })
  const told: unknown[] = []
  diff(old, next, { onOperation: (match) => told.push(match) })
  expect(told).toEqual([
    { webhook: false, old: 'GET /things/{a}', new: 'GET /things/{id}' },
    { webhook: false, old: 'DELETE /things/{b}', new: 'DELETE /things/{id}' },
    { webhook: false, old: 'POST /gone', new: undefined },
    { webhook: false, old: undefined, new: 'PUT /new' },
  ])
})

test('a changed component used through a path operation and directly by a webhook -> located at the operation, webhooks listed last', () => {
  const pet = (type: string) => ({ type: 'object', properties: { name: { type } } })
  const doc = (type: string) =>
    spec(
      {
        '/pets': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Wrapper' } } },
              },
            },
          },
        },
      },
      { Pet: pet(type), Wrapper: { type: 'object', properties: { pet: { $ref: '#/components/schemas/Pet' } } } },
      {
        webhooks: {
          petCreated: {
            post: {
              requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
              responses: ok,
            },
          },
        },
      },
    )
  const findings = diff(doc('string'), doc('integer'))
  expect(findings.map((f) => [f.rule, f.location.method, f.location.path])).toEqual([
    ['response-type-changed', 'GET', '/pets'],
  ])
  expect(findings[0]?.usedIn?.map((site) => `${site.method} ${site.path}`)).toEqual(['GET /pets', 'POST petCreated'])
})
