import { describe, expect, test } from 'vitest'
import { brief, diff, requestBody, responseBody, spec } from '../../../test/helpers/openapi-pair.ts'
import { pairUnambiguous } from './pair-leftovers.ts'

const ok = { '200': { description: 'ok' } }
const get = (parameters: unknown[], schemas: Record<string, unknown> = {}) =>
  spec({ '/assets': { get: { parameters, responses: ok } } }, schemas)
const op = '#/paths/~1assets/get'
const query = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  in: 'query',
  schema: { type: 'array', items: { type: 'integer' } },
  ...extra,
})

describe('pairUnambiguous', () => {
  const sameLength = (a: string, b: string) => a.length === b.length

  test('one candidate on each side -> paired', () => {
    expect([...pairUnambiguous(['ab', 'abc'], ['xyz', 'zz'], sameLength)]).toEqual([
      ['ab', 'zz'],
      ['abc', 'xyz'],
    ])
  })

  test('two old candidates for one new element, or two new for one old -> neither paired', () => {
    expect(pairUnambiguous(['ab', 'cd'], ['xy'], sameLength)).toEqual(new Map())
    expect(pairUnambiguous(['ab'], ['xy', 'zz'], sameLength)).toEqual(new Map())
  })

  test('an ambiguous pair does not block an unambiguous one -> only the unambiguous one paired', () => {
    expect(pairUnambiguous(['ab', 'cd', 'efg'], ['xy', 'xyz'], sameLength)).toEqual(new Map([['efg', 'xyz']]))
  })
})

describe('renamed request parameters', () => {
  test('query parameter renamed with the same schema, requiredness and style -> one breaking rename at the new parameter', () => {
    const findings = diff(get([query('assetIds'), query('limit')]), get([query('limit'), query('ids')]))
    expect(brief(findings)).toEqual([`breaking request-parameter-renamed ${op}/parameters/1`])
    expect(findings[0]?.message).toBe(
      'Query parameter `assetIds` was renamed to `ids`; clients that send `assetIds` get different results or an error.',
    )
  })

  test('renamed parameter whose schema is a component renamed with the same content -> breaking rename', () => {
    const old = get([query('assetIds', { schema: { $ref: '#/components/schemas/Ids' } })], {
      Ids: { type: 'array', items: { type: 'integer' } },
    })
    const next = get([query('ids', { schema: { $ref: '#/components/schemas/IdList' } })], {
      IdList: { type: 'array', items: { type: 'integer' } },
    })
    expect(brief(diff(old, next))).toEqual([`breaking request-parameter-renamed ${op}/parameters/0`])
  })

  test('two removed parameters match one added parameter -> ambiguous, kept as removals + addition', () => {
    expect(brief(diff(get([query('assetIds'), query('externalIds')]), get([query('ids')])))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `breaking request-parameter-removed ${op}/parameters/1`,
      `info optional-request-parameter-added ${op}/parameters/0`,
    ])
  })

  test('one removed parameter matches two added parameters -> ambiguous, kept as removal + additions', () => {
    expect(brief(diff(get([query('assetIds')]), get([query('ids'), query('externalIds')])))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `info optional-request-parameter-added ${op}/parameters/0`,
      `info optional-request-parameter-added ${op}/parameters/1`,
    ])
  })

  test('other name and requiredness, or other name and style -> removal + addition, not a rename', () => {
    expect(brief(diff(get([query('assetIds')]), get([query('ids', { required: true })])))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `breaking required-request-parameter-added ${op}/parameters/0`,
    ])
    expect(brief(diff(get([query('assetIds')]), get([query('ids', { explode: false })])))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `info optional-request-parameter-added ${op}/parameters/0`,
    ])
  })

  test('deprecated parameter removed after its sunset while a same-shaped one is added -> info removal + addition', () => {
    const old = get([query('assetIds', { deprecated: true, 'x-sunset': '2020-01-01' })])
    expect(brief(diff(old, get([query('ids')])))).toEqual([
      `info request-parameter-removed-after-deprecation ${op}/parameters/0`,
      `info optional-request-parameter-added ${op}/parameters/0`,
    ])
  })
})

describe('moved request parameters', () => {
  const key = (location: string, name = 'api_key', extra: Record<string, unknown> = {}) => ({
    name,
    in: location,
    schema: { type: 'string' },
    ...extra,
  })

  test('query parameter moved to a header of the same name -> one breaking move at the header', () => {
    const findings = diff(get([key('query')]), get([key('header')]))
    expect(brief(findings)).toEqual([`breaking request-parameter-moved ${op}/parameters/0`])
    expect(findings[0]?.message).toBe(
      'Query parameter `api_key` moved to the header; clients that still send it in the query string get different results or an error.',
    )
  })

  test('query parameter moved to a header spelt in another case, with a tighter schema -> move + schema finding', () => {
    const old = get([key('query', 'limit', { schema: { type: 'integer', maximum: 100 } })])
    const next = get([key('header', 'Limit', { schema: { type: 'integer', maximum: 10 } })])
    expect(brief(diff(old, next))).toEqual([
      `breaking request-parameter-moved ${op}/parameters/0`,
      `breaking request-limit-tightened ${op}/parameters/0/schema`,
    ])
  })

  test('moved to a header and made required -> move + became required (the style of each location is not compared)', () => {
    expect(brief(diff(get([key('query')]), get([key('header', 'api_key', { required: true })])))).toEqual([
      `breaking request-parameter-moved ${op}/parameters/0`,
      `breaking request-parameter-became-required ${op}/parameters/0`,
    ])
  })

  test('a query and a cookie parameter of one name both leave for a header -> ambiguous, removals + addition', () => {
    expect(brief(diff(get([key('query'), key('cookie')]), get([key('header')])))).toEqual([
      `breaking request-parameter-removed ${op}/parameters/0`,
      `breaking request-parameter-removed ${op}/parameters/1`,
      `info optional-request-parameter-added ${op}/parameters/0`,
    ])
  })
})

const body = '#/paths/~1pets/post/requestBody/content/application~1json/schema'
const res = '#/paths/~1pets/get/responses/200/content/application~1json/schema'
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required })
const str = { type: 'string' }
const int = { type: 'integer' }

describe('renamed properties', () => {
  test('required request property renamed with the same schema -> one breaking rename, no required-property-added', () => {
    const findings = diff(
      requestBody(obj({ name: str, age: int }, ['name'])),
      requestBody(obj({ title: str, age: int }, ['title'])),
    )
    expect(brief(findings)).toEqual([`breaking request-property-renamed ${body}/properties/title`])
    expect(findings[0]?.message).toBe(
      'Request property `name` in the request body (application/json) was renamed to `title`; the value clients send as `name` is no longer read.',
    )
  })

  test('nested response property renamed -> one breaking rename at the new property', () => {
    const owner = (properties: Record<string, unknown>) => obj({ id: str, owner: obj(properties) })
    const findings = diff(responseBody(owner({ name: str })), responseBody(owner({ fullName: str })))
    expect(brief(findings)).toEqual([`breaking response-property-renamed ${res}/properties/owner/properties/fullName`])
    expect(findings[0]?.message).toBe(
      'Response property `owner.name` in the response 200 (application/json) was renamed to `fullName`; clients that read `name` will break.',
    )
  })

  test('renamed property whose requiredness changed -> removal + addition, not a rename', () => {
    expect(brief(diff(responseBody(obj({ name: str }, ['name'])), responseBody(obj({ title: str }))))).toEqual([
      `breaking response-property-removed ${res}/properties/name`,
      `info response-property-added ${res}/properties/title`,
    ])
  })

  test('two removed properties match one added property -> ambiguous, kept as removals + addition', () => {
    expect(brief(diff(requestBody(obj({ name: str, nick: str })), requestBody(obj({ title: str }))))).toEqual([
      `breaking request-property-removed ${body}/properties/name`,
      `breaking request-property-removed ${body}/properties/nick`,
      `info request-optional-property-added ${body}/properties/title`,
    ])
  })

  test('readOnly property renamed in a component used both ways -> response rename only (requests never carry it)', () => {
    const pet = (idName: string) => ({ Pet: obj({ [idName]: { type: 'string', readOnly: true }, name: str }) })
    const ref = { $ref: '#/components/schemas/Pet' }
    const doc = (idName: string) =>
      spec(
        {
          '/pets': {
            post: {
              requestBody: { content: { 'application/json': { schema: ref } } },
              responses: { '200': { description: 'ok', content: { 'application/json': { schema: ref } } } },
            },
          },
        },
        pet(idName),
      )
    expect(brief(diff(doc('id'), doc('petId')))).toEqual([
      'breaking response-property-renamed #/components/schemas/Pet/properties/petId',
    ])
  })

  test('response property became writeOnly while a same-shaped one is added -> removal + addition, not a rename', () => {
    const next = obj({ secret: { ...str, writeOnly: true }, token: str })
    expect(brief(diff(responseBody(obj({ secret: str })), responseBody(next)))).toEqual([
      `breaking response-property-removed ${res}/properties/secret`,
      `info response-property-added ${res}/properties/token`,
    ])
  })
})

describe('renames told apart from unrelated changes', () => {
  const limit = { $ref: '#/components/schemas/RateLimit' }
  const components = { RateLimit: obj({ limit: int, remaining: int }) }

  test('one of several same-schema properties removed while another is added -> removal + addition, not a rename', () => {
    const resources = (name: string) => obj({ core: limit, search: limit, [name]: limit })
    expect(
      brief(
        diff(
          responseBody(resources('code_scanning_upload'), components),
          responseBody(resources('copilot_usage_records'), components),
        ),
      ),
    ).toEqual([
      `breaking response-property-removed ${res}/properties/code_scanning_upload`,
      `info response-property-added ${res}/properties/copilot_usage_records`,
    ])
  })

  test('response property whose $ref changed to a nullable twin -> finding at the property, not at the component', () => {
    const schemas = {
      User: obj({ login: str }),
      NullableUser: { ...obj({ login: str }), nullable: true },
    }
    const comment = (user: string) => ({ ...obj({ id: int, user: { $ref: `#/components/schemas/${user}` } }) })
    const old = { ...responseBody(comment('User'), schemas), openapi: '3.0.3' }
    const next = { ...responseBody(comment('NullableUser'), schemas), openapi: '3.0.3' }
    const findings = diff(old, next)
    expect(brief(findings)).toEqual([`breaking response-became-nullable ${res}/properties/user`])
    expect(findings[0]?.message).toBe(
      'Response property `user` in the response 200 (application/json) may now be null; clients that do not expect null may fail.',
    )
  })
})
