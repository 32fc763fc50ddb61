import { type Static, Type } from '@sinclair/typebox'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import { defineSchema, type NamedSchema, schemaByName, schemaNameOf } from './index.ts'

describe('defineSchema: what it accepts', () => {
  test('zod 4 object -> JSON Schema 2020-12 registered under its name', () => {
    const Owner = defineSchema('SchemaTestOwner', z.object({ id: z.number().int(), name: z.string() }))
    expect(Owner.schema).toMatchObject({
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      required: ['id', 'name'],
    })
    expect(schemaNameOf(Owner.schema)).toBe('SchemaTestOwner')
    expect(schemaByName('SchemaTestOwner')).toBe(Owner.schema)
  })

  test('TypeBox object -> plain JSON Schema without TypeBox symbols', () => {
    const Tag = defineSchema('SchemaTestTag', Type.Object({ key: Type.String() }))
    expect(Tag.schema).toEqual({ type: 'object', properties: { key: { type: 'string' } }, required: ['key'] })
    expect(Object.getOwnPropertySymbols(Tag.schema)).toEqual([])
  })

  test('JSON Schema object -> kept as given', () => {
    const Plain = defineSchema('SchemaTestPlain', { type: 'object', properties: { a: { type: 'string' } } })
    expect(Plain.schema).toEqual({ type: 'object', properties: { a: { type: 'string' } } })
  })
})

describe('defineSchema: what it refuses', () => {
  test.each([
    ['a string', 'Asset'],
    ['a number', 3],
    ['null', null],
    ['an array', [{ type: 'string' }]],
  ])('%s as the schema -> STRATA_ERR_SCHEMA_UNSUPPORTED naming what was given', (_what, input) => {
    expect(() => defineSchema('SchemaTestBad', input as never)).toThrow(
      /must be a zod 4 schema, a TypeBox schema or a JSON Schema object; got .*\[STRATA_ERR_SCHEMA_UNSUPPORTED\]/,
    )
  })

  test.each(['has space', '1starts-with-digit', 'semi;colon', ''])(
    'name %j -> STRATA_ERR_SCHEMA_INVALID_NAME saying which characters names hold',
    (name) => {
      expect(() => defineSchema(name, { type: 'string' })).toThrow(
        `Schema name '${name}' must start with a letter or underscore and hold only letters, digits, '_', '.' and '-'. [STRATA_ERR_SCHEMA_INVALID_NAME]`,
      )
    },
  )
})

// Type tests: `npm run typecheck` checks them (tsconfig includes test files); an unused
// `@ts-expect-error` is itself an error, so each refusal below must stay a compile error.
describe('defineSchema: the shape TypeScript infers', () => {
  test('zod 4 input -> NamedSchema of its output type', () => {
    const Owner = defineSchema('SchemaTypeOwner', z.object({ id: z.number(), nick: z.string().optional() }))
    expectTypeOf(Owner).toEqualTypeOf<NamedSchema<{ id: number; nick?: string | undefined }>>()
  })

  test('TypeBox input -> NamedSchema of its static type', () => {
    const shape = Type.Object({ id: Type.Integer(), tags: Type.Array(Type.String()) })
    const Thing = defineSchema('SchemaTypeThing', shape)
    expectTypeOf(Thing).toEqualTypeOf<NamedSchema<{ id: number; tags: string[] }>>()
    expectTypeOf(Thing).toEqualTypeOf<NamedSchema<Static<typeof shape>>>()
  })

  test('JSON Schema input -> unknown shape, or the shape given as the type argument', () => {
    expectTypeOf(defineSchema('SchemaTypePlain', { type: 'object' })).toEqualTypeOf<NamedSchema<unknown>>()
    expectTypeOf(defineSchema<{ a: string }>('SchemaTypeGiven', { type: 'object' })).toEqualTypeOf<
      NamedSchema<{ a: string }>
    >()
  })

  test('a type argument that contradicts the zod or TypeBox schema, or a non-object input -> compile error', () => {
    // @ts-expect-error: the zod schema's output has `id: number`, not `id: string`
    defineSchema<{ id: string }>('SchemaTypeWrongZod', z.object({ id: z.number() }))
    // @ts-expect-error: the TypeBox schema's static type has `id: number`, not `id: string`
    defineSchema<{ id: string }>('SchemaTypeWrongTypeBox', Type.Object({ id: Type.Integer() }))
    // @ts-expect-error: a string is no schema
    expect(() => defineSchema('SchemaTypeString', 'string')).toThrow(/STRATA_ERR_SCHEMA_UNSUPPORTED/)
  })
})
