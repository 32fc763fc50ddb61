import { describe, expect, test } from 'vitest'
import { brief, diff, requestBody, responseBody, spec } from '../../../test/helpers/openapi-pair.ts'

const body = '#/paths/~1pets/post/requestBody/content/application~1json/schema'
const res = '#/paths/~1pets/get/responses/200/content/application~1json/schema'
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required })
const str = { type: 'string' }

describe('request properties', () => {
  test('request property removed: body field dropped -> breaking', () => {
    expect(brief(diff(requestBody(obj({ name: str, tag: str })), requestBody(obj({ name: str }))))).toEqual([
      `breaking request-property-removed ${body}/properties/tag`,
    ])
  })

  test('request property added as required -> breaking; as optional -> info', () => {
    expect(
      brief(diff(requestBody(obj({ name: str })), requestBody(obj({ name: str, owner: str }, ['owner'])))),
    ).toEqual([`breaking request-required-property-added ${body}/properties/owner`])
    expect(brief(diff(requestBody(obj({ name: str })), requestBody(obj({ name: str, tag: str }))))).toEqual([
      `info request-optional-property-added ${body}/properties/tag`,
    ])
  })

  test('request property became required -> breaking; became optional -> info', () => {
    expect(brief(diff(requestBody(obj({ name: str })), requestBody(obj({ name: str }, ['name']))))).toEqual([
      `breaking request-property-became-required ${body}/properties/name`,
    ])
    expect(brief(diff(requestBody(obj({ name: str }, ['name'])), requestBody(obj({ name: str }))))).toEqual([
      `info request-property-became-optional ${body}/properties/name`,
    ])
  })

  test('readOnly property added as required to a request -> nothing (clients never send it)', () => {
    const next = obj({ name: str, id: { type: 'string', readOnly: true } }, ['id'])
    expect(brief(diff(requestBody(obj({ name: str })), requestBody(next)))).toEqual([])
  })

  test('property moved into an allOf member -> nothing (the merged object is the same)', () => {
    const next = { allOf: [obj({ name: str }), { type: 'object', properties: { tag: str } }] }
    expect(brief(diff(requestBody(obj({ name: str, tag: str })), requestBody(next)))).toEqual([])
  })
})

describe('response properties', () => {
  test('response property removed -> breaking', () => {
    expect(brief(diff(responseBody(obj({ id: str, name: str })), responseBody(obj({ id: str }))))).toEqual([
      `breaking response-property-removed ${res}/properties/name`,
    ])
  })

  test('response property added -> info', () => {
    expect(brief(diff(responseBody(obj({ id: str })), responseBody(obj({ id: str, name: str }))))).toEqual([
      `info response-property-added ${res}/properties/name`,
    ])
  })

  test('response property became optional -> breaking; became required -> info', () => {
    expect(brief(diff(responseBody(obj({ id: str }, ['id'])), responseBody(obj({ id: str }))))).toEqual([
      `breaking response-property-became-optional ${res}/properties/id`,
    ])
    expect(brief(diff(responseBody(obj({ id: str })), responseBody(obj({ id: str }, ['id']))))).toEqual([
      `info response-property-became-required ${res}/properties/id`,
    ])
  })

  test('response property became writeOnly -> breaking removal (responses no longer carry it)', () => {
    const next = obj({ id: str, secret: { type: 'string', writeOnly: true } })
    expect(brief(diff(responseBody(obj({ id: str, secret: str })), responseBody(next)))).toEqual([
      `breaking response-property-removed ${res}/properties/secret`,
    ])
  })
})

describe('types and nullability', () => {
  test('request type narrowed number -> integer -> breaking; widened integer -> number -> info', () => {
    expect(brief(diff(requestBody({ type: 'number' }), requestBody({ type: 'integer' })))).toEqual([
      `breaking request-type-changed ${body}`,
    ])
    expect(brief(diff(requestBody({ type: 'integer' }), requestBody({ type: 'number' })))).toEqual([
      `info request-type-widened ${body}`,
    ])
  })

  test('response type widened integer -> number -> breaking; narrowed -> info', () => {
    expect(brief(diff(responseBody({ type: 'integer' }), responseBody({ type: 'number' })))).toEqual([
      `breaking response-type-changed ${res}`,
    ])
    expect(brief(diff(responseBody({ type: 'number' }), responseBody({ type: 'integer' })))).toEqual([
      `info response-type-narrowed ${res}`,
    ])
  })

  test('request format int64 -> int32 -> breaking', () => {
    const findings = diff(
      requestBody({ type: 'integer', format: 'int64' }),
      requestBody({ type: 'integer', format: 'int32' }),
    )
    expect(brief(findings)).toEqual([`breaking request-type-changed ${body}`])
    expect(findings[0]?.message).toBe(
      'Request body (application/json) changed type from `integer (int64)` to `integer (int32)`; values clients send may be rejected.',
    )
  })

  test('request integer -> integer (int64), number -> number (double) -> not breaking (I-JSON: nothing wider travels)', () => {
    expect(brief(diff(requestBody({ type: 'integer' }), requestBody({ type: 'integer', format: 'int64' })))).toEqual([
      `info request-type-widened ${body}`,
    ])
    expect(brief(diff(requestBody({ type: 'number' }), requestBody({ type: 'number', format: 'double' })))).toEqual([
      `info request-type-widened ${body}`,
    ])
    expect(brief(diff(requestBody({ type: 'integer' }), requestBody({ type: 'integer', format: 'int32' })))).toEqual([
      `breaking request-type-changed ${body}`,
    ])
  })

  test('response became nullable via 3.1 type array -> breaking', () => {
    expect(brief(diff(responseBody({ type: 'string' }), responseBody({ type: ['string', 'null'] })))).toEqual([
      `breaking response-became-nullable ${res}`,
    ])
  })

  test('3.0 nullable:true rewritten as 3.1 anyOf [X, null] -> nothing', () => {
    const old = responseBody({ type: 'string', nullable: true })
    const next = responseBody({ anyOf: [{ type: 'string' }, { type: 'null' }] })
    expect(brief(diff(old, next))).toEqual([])
  })

  test('request became not nullable -> breaking', () => {
    expect(brief(diff(requestBody({ type: ['string', 'null'] }), requestBody({ type: 'string' })))).toEqual([
      `breaking request-became-not-nullable ${body}`,
    ])
  })
})

describe('shared components', () => {
  test('component changed and used in two operations -> reported once with both places', () => {
    const pet = (properties: Record<string, unknown>) => ({ Pet: obj(properties) })
    const doc = (schemas: Record<string, unknown>) => ({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/pets': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
              },
            },
          },
        },
        '/pets/{id}': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
              },
            },
          },
        },
      },
      components: { schemas },
    })
    const findings = diff(doc(pet({ id: str, name: str })), doc(pet({ id: str })))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      rule: 'response-property-removed',
      location: { path: '/pets', method: 'GET', pointer: '#/components/schemas/Pet/properties/name' },
      message: 'Response property `Pet.name` was removed; clients that read it will break.',
    })
    expect(findings[0]?.usedIn?.map((u) => `${u.method} ${u.path}`)).toEqual(['GET /pets', 'GET /pets/{id}'])
  })

  test('component changed and also reached through allOf and anyOf of others -> one finding in its own words, every use', () => {
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
    const get = (schema: unknown) => ({
      get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
    })
    const doc = (login: string) =>
      spec(
        { '/pets': get(ref('Pet')), '/users': get(ref('User')), '/orders': get(ref('Order')) },
        {
          User: obj({ [login]: str, id: { type: 'integer' } }, ['id']),
          Pet: obj({ owner: { allOf: [ref('User')], nullable: true } }),
          Order: obj({ buyer: { anyOf: [ref('User'), { type: 'null' }] } }),
        },
      )
    const findings = diff(doc('login'), doc('username'))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      rule: 'response-property-renamed',
      location: { pointer: '#/components/schemas/User/properties/username' },
      message: 'Response property `User.login` was renamed to `username`; clients that read `login` will break.',
    })
    expect(findings[0]?.usedIn?.map((u) => u.path).sort()).toEqual(['/orders', '/pets', '/users'])
  })

  test('recursive schema (a tree of nodes) -> terminates and finds the nested change', () => {
    const node = (extra: Record<string, unknown>) => ({
      Node: obj({ children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, ...extra }),
    })
    const findings = diff(
      responseBody({ $ref: '#/components/schemas/Node' }, node({ label: str })),
      responseBody({ $ref: '#/components/schemas/Node' }, node({})),
    )
    expect(brief(findings)).toEqual(['breaking response-property-removed #/components/schemas/Node/properties/label'])
  })

  test('component renamed with the same content -> nothing', () => {
    const findings = diff(
      responseBody({ $ref: '#/components/schemas/Old' }, { Old: obj({ id: str }) }),
      responseBody({ $ref: '#/components/schemas/New' }, { New: obj({ id: str }) }),
    )
    expect(brief(findings)).toEqual([])
  })
})

describe('additionalProperties', () => {
  test('request object closed with additionalProperties: false -> breaking', () => {
    expect(
      brief(diff(requestBody(obj({ a: str })), requestBody({ ...obj({ a: str }), additionalProperties: false }))),
    ).toEqual([`breaking request-additional-properties-restricted ${body}/additionalProperties`])
  })

  test('map value type changed in a response -> breaking at the value schema', () => {
    const map = (type: string) => ({ type: 'object', additionalProperties: { type } })
    expect(brief(diff(responseBody(map('string')), responseBody(map('integer'))))).toEqual([
      `breaking response-type-changed ${res}/additionalProperties`,
    ])
  })
})
