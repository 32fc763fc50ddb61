import { describe, expect, test } from 'vitest'
import { toOpenApiDocument } from './openapi-document.ts'

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited member by member
type Doc = Record<string, any>
const load = (doc: Doc, options?: { faults: 'warn' }) => toOpenApiDocument(structuredClone(doc), 'api.yaml', options)

/** A valid 3.1 document: GET /pets/{id} answering a Pet. */
function pets(): Doc {
  return {
    openapi: '3.1.0',
    info: { title: 'pets', version: '1' },
    paths: {
      '/pets/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': {
              description: 'a pet',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          $defs: { Tag: { type: 'string', const: 'pet' } },
          properties: {
            name: { type: ['string', 'null'] },
            kind: { const: 'dog' },
            tag: { $ref: '#/components/schemas/Pet/$defs/Tag' },
            tags: { type: 'array', prefixItems: [{ type: 'string' }], unevaluatedItems: false },
          },
          examples: [{ name: null, kind: 'dog' }],
        },
      },
    },
  }
}
const param = (d: Doc) => d.paths['/pets/{id}'].get.parameters[0]

describe('valid documents load without warnings', () => {
  test('3.1 with type lists, const, $defs, prefixItems and examples -> no warnings', () => {
    expect(load(pets()).warnings).toEqual([])
  })

  test('3.1 with webhooks only, no paths -> no warnings', () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'events', version: '1' },
      webhooks: {
        petCreated: {
          post: {
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    }
    expect(load(doc).warnings).toEqual([])
  })

  test('3.0 with nullable and a discriminator mapping -> no warnings', () => {
    const doc = pets()
    doc.openapi = '3.0.3'
    doc.components.schemas = {
      Pet: {
        type: 'object',
        properties: { name: { type: 'string', nullable: true }, kind: { type: 'string' } },
        discriminator: { propertyName: 'kind', mapping: { dog: '#/components/schemas/Pet' } },
      },
    }
    expect(load(doc).warnings).toEqual([])
  })
})

describe('lesser faults against the OpenAPI schema -> warnings, the document still loads', () => {
  test('response without description -> a warning at the response', () => {
    const doc = pets()
    delete doc.paths['/pets/{id}'].get.responses['200'].description
    expect(load(doc).warnings).toContainEqual({
      pointer: '/paths/~1pets~1{id}/get/responses/200',
      message: "must have required property 'description'",
    })
  })

  test('operation without responses (3.0) and info without version -> one warning each', () => {
    const doc = pets()
    doc.openapi = '3.0.3'
    doc.components = {}
    doc.paths['/pets/{id}'].get.responses = undefined
    delete doc.paths['/pets/{id}'].get.responses
    delete doc.info.version
    const pointers = load(doc).warnings.map((w) => w.pointer)
    expect(pointers).toContain('/paths/~1pets~1{id}/get')
    expect(pointers).toContain('/info')
  })

  test('unknown property in an operation -> a warning naming it', () => {
    const doc = pets()
    doc.paths['/pets/{id}'].get.respones = {}
    expect(load(doc).warnings.map((w) => w.message)).toContain('unknown property "respones"')
  })

  test('template variable without its path parameter -> a warning, not an error', () => {
    const doc = pets()
    doc.paths['/pets/{id}'].get.parameters = []
    expect(load(doc).warnings).toContainEqual({
      pointer: '/paths/~1pets~1{id}/get',
      message: 'the path template variable {id} has no path parameter "id"',
    })
  })
})

describe('faults that leave the comparison undefined -> input error naming file and pointer', () => {
  const cases: Array<[string, (d: Doc) => void, string, string]> = [
    [
      'parameter with neither schema nor content',
      (d) => delete param(d).schema,
      '/paths/~1pets~1{id}/get/parameters/0',
      'parameter "id" needs exactly one of "schema" or "content"',
    ],
    [
      'parameter with both schema and content',
      (d) => {
        param(d).content = { 'text/plain': { schema: {} } }
      },
      '/paths/~1pets~1{id}/get/parameters/0',
      'needs exactly one of "schema" or "content"',
    ],
    [
      'parameter whose content has two media types',
      (d) => {
        delete param(d).schema
        param(d).content = { 'text/plain': {}, 'application/json': {} }
      },
      '/paths/~1pets~1{id}/get/parameters/0',
      'with one media type',
    ],
    [
      'path parameter not marked required',
      (d) => delete param(d).required,
      '/paths/~1pets~1{id}/get/parameters/0',
      'path parameter "id" must be marked required: true',
    ],
    [
      'parameter with an unknown location',
      (d) => {
        param(d).in = 'body'
      },
      '/paths/~1pets~1{id}/get/parameters/0',
      'a parameter needs a "name" and an "in" of query, header, path or cookie',
    ],
    [
      'the same query parameter declared twice',
      (d) => {
        const q = { name: 'q', in: 'query', schema: { type: 'string' } }
        d.paths['/pets/{id}'].get.parameters.push(q, { ...q, schema: { type: 'integer' } })
      },
      '/paths/~1pets~1{id}/get/parameters/2',
      'parameter "q" in query is declared twice',
    ],
    [
      'a parameter $ref that lands on a schema, not a parameter',
      (d) => {
        d.paths['/pets/{id}'].get.parameters = [{ $ref: '#/components/schemas/Pet' }]
      },
      '/paths/~1pets~1{id}/get/parameters/0',
      'a parameter needs a "name"',
    ],
    [
      'a dangling $ref',
      (d) => {
        d.paths['/pets/{id}'].get.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/Cat'
      },
      '/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema/$ref',
      '$ref does not resolve: #/components/schemas/Cat',
    ],
    [
      'a discriminator mapping to a schema that does not exist',
      (d) => {
        d.components.schemas.Pet.discriminator = { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } }
      },
      '/components/schemas/Pet/discriminator/mapping/cat',
      'discriminator mapping "cat" points to #/components/schemas/Cat, which does not exist',
    ],
    [
      'a security requirement naming an undeclared scheme',
      (d) => {
        d.security = [{ bearer: [] }]
      },
      '/security/0/bearer',
      'security requirement names the scheme "bearer"',
    ],
  ]

  test.each(cases)('%s -> OpenApiInputError at its pointer', (_, edit, pointer, message) => {
    const doc = pets()
    edit(doc)
    expect(() => load(doc)).toThrow(expect.objectContaining({ file: 'api.yaml', pointer }))
    expect(() => load(doc)).toThrow(message)
  })

  test.each(cases.filter(([name]) => !name.includes('dangling')))(
    '%s, loaded with faults: warn -> loads, the fault listed among the warnings',
    (_, edit, pointer) => {
      const doc = pets()
      edit(doc)
      expect(load(doc, { faults: 'warn' }).warnings.map((w) => w.pointer)).toContain(pointer)
    },
  )
})
