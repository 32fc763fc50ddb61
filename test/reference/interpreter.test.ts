import { describe, expect, test } from 'vitest'
import { defineChange, schema } from '../../src/change/index.ts'
import type { Instruction } from '../../src/change/instruction.ts'
import { defineSchema } from '../../src/schema/index.ts'
import { createReference } from './interpreter.ts'

// The reference itself, held to src/change/README.md with exact JSON: if these fail, the differential
// tests compare the engine with a wrong oracle.

const Item = defineSchema('RefItem', {
  type: 'object',
  required: ['name', 'state'],
  properties: {
    name: { type: 'string' },
    state: { type: 'string', enum: ['new', 'done'] },
    size: { type: 'integer' },
    note: { type: 'string' },
  },
})
const Box = {
  type: 'object',
  properties: {
    one: { anyOf: [Item.schema, { type: 'null' }] },
    byKey: { type: 'object', additionalProperties: { type: 'array', items: Item.schema } },
    pair: { type: 'array', prefixItems: [Item.schema, { type: 'string' }] },
    viaDefs: { $ref: '#/$defs/RefItem' },
  },
  $defs: { RefItem: Item.schema },
}

const referenceOf = (instructions: Instruction[]) =>
  createReference({
    versions: [{}, { changes: [defineChange({ name: 'c', description: 'c', instructions })] }],
    named: { RefItem: Item.schema },
  })
const field = schema(Item).field

describe('reference interpreter, one instruction at a time', () => {
  const cases: [string, Instruction, head: object, old: object][] = [
    ['field added', field('note').added({ default: 'n/a' }), { name: 'a', note: 'x' }, { name: 'a' }],
    ['field renamed', field('name').renamedFrom('title'), { name: 'a' }, { title: 'a' }],
    [
      'type changed',
      field('size').typeChanged({ was: { type: 'string' }, down: (v) => String(v), up: (v) => Number(v) }),
      { name: 'a', size: 3 },
      { name: 'a', size: '3' },
    ],
    [
      'enum value added',
      field('state').enumValueAdded('done', { fallback: 'new' }),
      { state: 'done' },
      { state: 'new' },
    ],
    ['made optional', field('note').madeOptional({ default: '-' }), { name: 'a' }, { name: 'a', note: '-' }],
  ]
  test.each(cases)('%s: response at head -> old shape for version 0, at every position', (_, ins, head, old) => {
    const ref = referenceOf([ins])
    const body = { one: head, byKey: { k: [head] }, pair: [head, 's'], viaDefs: head }
    expect(ref.responseDown(Box, 0, body)).toEqual({ one: old, byKey: { k: [old] }, pair: [old, 's'], viaDefs: old })
  })

  test('field added with default: request from version 0 without it -> default filled', () => {
    expect(referenceOf([field('note').added({ default: 'n/a' })]).requestUp(Item.schema, 0, { name: 'a' })).toEqual({
      name: 'a',
      note: 'n/a',
    })
  })

  test('field removed: response -> filled from default; request -> dropped', () => {
    const ref = referenceOf([
      schema(Item)
        .field('legacy')
        .removed({ was: { type: 'string' }, default: 'L' }),
    ])
    expect(ref.responseDown(Item.schema, 0, { name: 'a' })).toEqual({ name: 'a', legacy: 'L' })
    expect(ref.requestUp(Item.schema, 0, { name: 'a', legacy: 'x' })).toEqual({ name: 'a' })
  })

  test('made required, default changed, enum value removed: request from version 0 -> head values', () => {
    const Req = defineSchema('RefReq', {
      type: 'object',
      required: ['size'],
      properties: { size: { type: 'integer' }, note: { type: 'string' }, state: { type: 'string', enum: ['new'] } },
    })
    const ref = createReference({
      versions: [
        {},
        {
          changes: [
            defineChange({
              name: 'c',
              description: 'c',
              instructions: [
                schema(Req).field('size').madeRequired({ default: 1 }),
                schema(Req).field('note').defaultChanged({ from: 'old' }),
                schema(Req).field('state').enumValueRemoved('gone', { mapTo: 'new' }),
              ],
            }),
          ],
        },
      ],
      named: { RefReq: Req.schema },
    })
    expect(ref.requestUp(Req.schema, 0, { state: 'gone' })).toEqual({ size: 1, note: 'old', state: 'new' })
    expect(ref.schemaAt(Req.schema, 0).$defs).toMatchObject({
      RefReq: { properties: { note: { default: 'old' }, state: { enum: ['new', 'gone'] } } },
    })
    expect((ref.schemaAt(Req.schema, 0).$defs as { RefReq: object }).RefReq).not.toHaveProperty('required')
  })

  test('nullable named schema, request: null stays null, an object of version 0 goes through the object branch', () => {
    const ref = referenceOf([field('name').renamedFrom('title')])
    expect(ref.requestUp(Box, 0, { one: null })).toEqual({ one: null })
    expect(ref.requestUp(Box, 0, { one: { title: 't', state: 'new' } })).toEqual({ one: { name: 't', state: 'new' } })
  })

  test('enum value added: the value only head knows, sent at version 0 -> not accepted', () => {
    const ref = referenceOf([field('state').enumValueAdded('done', { fallback: 'new' })])
    expect(ref.accepts(Item.schema, 0, { name: 'a', state: 'done' })).toBe(false)
    expect(ref.accepts(Item.schema, 1, { name: 'a', state: 'done' })).toBe(true)
  })
})
