import { describe, expect, test } from 'vitest'
import { toOpenApi30, toSchema30 } from './openapi-30.ts'

// biome-ignore lint/suspicious/noExplicitAny: documents are asserted member by member
type Doc = any

describe('toSchema30', () => {
  test('type list with null -> single type and nullable', () => {
    expect(toSchema30({ type: ['integer', 'null'], minimum: 0 })).toEqual({
      type: 'integer',
      minimum: 0,
      nullable: true,
    })
  })

  test('anyOf of a type and null (TypeBox union) -> the type, nullable', () => {
    expect(toSchema30({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toEqual({ type: 'string', nullable: true })
  })

  test('const, examples and numeric exclusiveMinimum -> enum, example, boolean form', () => {
    expect(toSchema30({ const: 'a', examples: ['a'], type: 'number', exclusiveMinimum: 0 })).toEqual({
      enum: ['a'],
      example: 'a',
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
    })
  })

  test('nested properties and items; 2020-12-only keywords dropped', () => {
    expect(
      toSchema30({
        type: 'object',
        properties: { tags: { type: 'array', items: { type: ['string', 'null'] } } },
        patternProperties: { '^x-': {} },
      }),
    ).toEqual({ type: 'object', properties: { tags: { type: 'array', items: { type: 'string', nullable: true } } } })
  })

  test('$ref -> kept alone (3.0 ignores siblings of $ref)', () => {
    expect(toSchema30({ $ref: '#/components/schemas/A', description: 'x' })).toEqual({ $ref: '#/components/schemas/A' })
  })
})

describe('toOpenApi30', () => {
  test('3.1 document -> openapi 3.0.3, info.summary removed, component and parameter schemas converted', () => {
    const doc = toOpenApi30({
      openapi: '3.1.0',
      info: { title: 't', version: '1', summary: 's' },
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', schema: { type: ['string', 'null'] } }] } } },
      components: { schemas: { A: { const: 1 } } },
    }) as Doc
    expect(doc.openapi).toBe('3.0.3')
    expect(doc.info).toEqual({ title: 't', version: '1' })
    expect(doc.paths['/a'].get.parameters[0].schema).toEqual({ type: 'string', nullable: true })
    expect(doc.components.schemas.A).toEqual({ enum: [1] })
  })
})
