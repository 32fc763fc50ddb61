import { describe, expect, test } from 'vitest'
import { diffOpenApi } from '../diff/diff-openapi.ts'
import { toOpenApiDocument } from '../load/openapi-document.ts'
import { rules } from '../rules/catalogue.ts'
import type { Policy } from './policy.ts'
import { cognitePolicy, confluentPolicy, ipFabricPolicy, policyPresets, strictPolicy } from './presets.ts'

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited member by member
type Doc = Record<string, any>
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })

/** One endpoint with a sort order, a limited id list, a request body, a response and an error body. */
function base(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'assets', version: '1' },
    paths: {
      '/assets/byids': {
        post: {
          parameters: [
            { name: 'sort', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'], default: 'asc' } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          requestBody: json({
            type: 'object',
            properties: { assetIds: { type: 'array', items: { type: 'integer' }, maxItems: 1000 }, owner: {} },
          }),
          responses: {
            '200': {
              description: 'ok',
              ...json({
                type: 'object',
                required: ['id', 'note'],
                properties: {
                  id: { type: 'string', maxLength: 32, pattern: '^a' },
                  note: { type: ['string', 'null'] },
                  name: { type: 'string' },
                  items: { type: 'array', items: { type: 'string' }, maxItems: 100 },
                },
                additionalProperties: false,
              }),
            },
            '400': {
              description: 'bad request',
              ...json({ type: 'object', properties: { error: { type: 'object', properties: { message: {} } } } }),
            },
          },
        },
      },
    },
    webhooks: {
      assetCreated: {
        post: { requestBody: json({ type: 'object', properties: { id: { type: 'string' } } }), responses: {} },
      },
    },
  }
}
const op = (d: Doc) => d.paths['/assets/byids'].post
const body = (d: Doc) => op(d).requestBody.content['application/json'].schema
const ok = (d: Doc) => op(d).responses['200'].content['application/json'].schema

/** Each list item of each preset, shown on a document pair: the edit that makes the new side. */
const cases: Record<string, (d: Doc) => void> = {
  'Increasing the request limits.': (d) => {
    body(d).properties.assetIds.maxItems = 5000
  },
  'Adding properties to the response body.': (d) => {
    ok(d).properties.createdAt = { type: 'string' }
  },
  "Adding properties to the request body (as long as it doesn't affect earlier requests).": (d) => {
    body(d).properties.tags = { type: 'array' }
  },
  "Adding support for more query parameters (as long as it doesn't affect earlier requests).": (d) => {
    op(d).parameters.push({ name: 'filter', in: 'query', schema: { type: 'string' } })
  },
  'Removing an endpoint.': (d) => {
    delete d.paths['/assets/byids']
  },
  'Removing a property from the response.': (d) => {
    delete ok(d).properties.name
  },
  'Changing the error response format.': (d) => {
    op(d).responses['400'].content = {
      'application/problem+json': { schema: { type: 'object', properties: { title: { type: 'string' } } } },
    }
  },
  '(Changing the error response format,) not the status code.': (d) => {
    op(d).responses['422'] = op(d).responses['400']
    delete op(d).responses['400']
  },
  'Changing the status code from 2xx to another 2xx.': (d) => {
    op(d).responses['201'] = op(d).responses['200']
    delete op(d).responses['200']
  },
  'Reducing the limit on a request. Example: the number of assets to retrieve by `assetIds`.': (d) => {
    body(d).properties.assetIds.maxItems = 100
  },
  '(Reducing the limit on a request,) not the response.': (d) => {
    ok(d).properties.items.maxItems = 10
  },
  'Changing the name of query parameters and body properties.': (d) => {
    op(d).parameters[1].name = 'after'
  },
  'Changing the sort order if the user expected the original order.': (d) => {
    op(d).parameters[0].schema.default = 'desc'
  },
  'Removing a parameter.': (d) => {
    op(d).parameters.pop()
  },
  'Renaming a parameter.': (d) => {
    op(d).parameters[1].name = 'after'
  },
  'Removing a response field.': (d) => {
    delete ok(d).properties.name
  },
  'Renaming a response field.': (d) => {
    ok(d).properties.title = ok(d).properties.name
    delete ok(d).properties.name
  },
  'Adding a new attribute to a response.': (d) => {
    ok(d).properties.createdAt = { type: 'string' }
  },
  'Your application should be designed to gracefully handle and ignore any unexpected fields in API responses.': (
    d,
  ) => {
    delete ok(d).additionalProperties
  },
  'Adding new API resources.': (d) => {
    d.paths['/assets/search'] = { post: { responses: { '200': { description: 'ok' } } } }
  },
  'Adding new optional parameters to existing API requests (e.g., query string).': (d) => {
    op(d).parameters.push({ name: 'filter', in: 'query', schema: { type: 'string' } })
  },
  'Adding new properties to existing API resources (e.g., request body).': (d) => {
    body(d).properties.tags = { type: 'array' }
    ok(d).properties.tags = { type: 'array' }
  },
  'Changing the order of properties in existing API responses.': (d) => {
    const { id, note, name, items } = ok(d).properties
    ok(d).properties = { items, name, note, id }
  },
  'Changing the length or format of object IDs or other opaque strings.': (d) => {
    ok(d).properties.id = { type: 'string', maxLength: 255, pattern: '^lkc-' }
  },
  'Adding new API event types.': (d) => {
    d.webhooks.assetDeleted = d.webhooks.assetCreated
  },
  'Adding new properties to existing API event types.': (d) => {
    d.webhooks.assetCreated.post.requestBody.content['application/json'].schema.properties.owner = {}
  },
  'Omitting properties with null values from existing API responses.': (d) => {
    ok(d).required = ['id']
  },
  'A resource may be modified to return a "redirection" response (e.g. 301, 307) instead of directly returning the resource.':
    (d) => {
      op(d).responses['307'] = { description: 'see Location' }
    },
}

const diff = (edit: (d: Doc) => void, policy: Policy) => {
  const next = base()
  edit(next)
  return diffOpenApi(toOpenApiDocument(base(), 'old.json'), toOpenApiDocument(next, 'new.json'), { policy })
}

const listed = [cognitePolicy, ipFabricPolicy, confluentPolicy].flatMap((policy) =>
  (policy.promises ?? []).map((promise) => ({ policy: policy.name, preset: policy, ...promise })),
)

describe('policy presets encode their program’s own list', () => {
  test.each(listed)('$policy: "$says" -> breaking: $breaking', ({ preset, says, breaking, rules: ids }) => {
    const edit = cases[says]
    expect(edit, `no document pair shows "${says}"`).toBeDefined()
    const findings = diff(edit!, preset)
    expect(findings.some((f) => f.severity === 'breaking')).toBe(breaking)
    if (ids.length === 0) expect(findings).toEqual([])
    else expect(findings.some((f) => ids.includes(f.rule))).toBe(true)
  })

  test.each(listed)('$policy: "$says" names rules the checker knows', ({ rules: ids }) => {
    for (const id of ids) expect(rules.has(id), id).toBe(true)
  })

  test('cognite: an error body re-expressed as problem+json -> breaking, where strict only reports it', () => {
    const edit = cases['Changing the error response format.']!
    expect(diff(edit, strictPolicy).filter((f) => f.severity === 'breaking')).toEqual([])
    expect(diff(edit, cognitePolicy).map((f) => [f.rule, f.severity])).toContainEqual([
      'error-response-body-removed',
      'breaking',
    ])
  })

  test('confluent: a nullable response property left out -> info; strict -> breaking', () => {
    const edit = cases['Omitting properties with null values from existing API responses.']!
    const rule = 'response-nullable-property-became-optional'
    expect(diff(edit, confluentPolicy).map((f) => [f.rule, f.severity])).toEqual([[rule, 'info']])
    expect(diff(edit, strictPolicy).map((f) => [f.rule, f.severity])).toEqual([[rule, 'breaking']])
  })

  test('confluent: a response property that could never be null becomes nullable -> still breaking', () => {
    const findings = diff((d) => {
      ok(d).properties.name = { type: ['string', 'null'] }
    }, confluentPolicy)
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['response-became-nullable', 'breaking']])
  })

  test('confluent: a non-nullable required response property became optional -> still breaking', () => {
    const findings = diff((d) => {
      ok(d).required = ['note']
    }, confluentPolicy)
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['response-property-became-optional', 'breaking']])
  })

  test('every preset but strict carries a list', () => {
    expect([...policyPresets.values()].filter((p) => (p.promises ?? []).length > 0).map((p) => p.name)).toEqual([
      'cognite',
      'ip-fabric',
      'confluent',
    ])
  })
})
