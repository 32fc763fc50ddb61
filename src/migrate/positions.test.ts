import { describe, expect, test } from 'vitest'
import { defineChange, schema } from '../change/index.ts'
import type { JsonSchema, ResponseParts } from '../change/instruction.ts'
import { defineSchema } from '../schema/index.ts'
import { calendarScheme, defineVersions } from '../version/index.ts'
import { planRoute, type RouteSpec } from './route-plan.ts'

// Every schema position the engine follows, with the exact JSON at each version. One change renames
// Part.title (head) from Part.name (2023); each test puts Part somewhere else.

let n = 0
function setup(wrap: (part: JsonSchema) => JsonSchema) {
  const Part = defineSchema(`PosPart${n++}`, {
    type: 'object',
    properties: { id: { type: 'integer' }, title: { type: 'string' } },
  })
  const versions = defineVersions({
    scheme: calendarScheme(),
    versions: [
      { id: '2023-01-01' },
      {
        id: '2024-01-01',
        changes: [
          defineChange({
            name: `renamePartNameToTitle${n}`,
            description: 'Part `name` is now `title`.',
            instructions: [schema(Part).field('title').renamedFrom('name')],
          }),
        ],
      },
    ],
  }).versions
  const root = wrap(Part.schema)
  const spec: RouteSpec = { method: 'POST', path: `/pos${n}`, body: root, responses: { 200: root } }
  const plan = planRoute(spec, versions)
  return {
    down(body: unknown): unknown {
      const parts: ResponseParts = { body, status: 200, headers: {} }
      plan.plan(0)?.responseDown?.(parts)
      return parts.body
    },
    up(body: unknown): unknown {
      const parts = { body, query: {}, headers: {} }
      plan.plan(0)?.requestUp?.(parts)
      return parts.body
    },
  }
}

describe('schema positions: a named schema is migrated wherever it appears', () => {
  test('additionalProperties: a map of named objects, 2023 client -> every value renamed, keys kept', () => {
    const r = setup((p) => ({ type: 'object', additionalProperties: p }))
    expect(r.down({ a: { id: 1, title: 'x' }, b: { id: 2, title: 'y' } })).toEqual({
      a: { id: 1, name: 'x' },
      b: { id: 2, name: 'y' },
    })
    expect(r.up({ a: { id: 1, name: 'x' } })).toEqual({ a: { id: 1, title: 'x' } })
  })

  test('additionalProperties: a map of lists of named objects -> every item of every list renamed', () => {
    const r = setup((p) => ({ type: 'object', additionalProperties: { type: 'array', items: p } }))
    expect(r.down({ a: [{ id: 1, title: 'x' }], b: [] })).toEqual({ a: [{ id: 1, name: 'x' }], b: [] })
  })

  test('properties beside additionalProperties -> declared fields kept, map values renamed', () => {
    const r = setup((p) => ({ type: 'object', properties: { total: { type: 'integer' } }, additionalProperties: p }))
    expect(r.down({ total: 2, a: { id: 1, title: 'x' } })).toEqual({ total: 2, a: { id: 1, name: 'x' } })
  })

  test('patternProperties -> values under keys matching the pattern renamed, others by additionalProperties', () => {
    const r = setup((p) => ({
      type: 'object',
      patternProperties: { '^part_': p },
      additionalProperties: { type: 'string' },
    }))
    expect(r.down({ part_1: { id: 1, title: 'x' }, note: 'n' })).toEqual({ part_1: { id: 1, name: 'x' }, note: 'n' })
    expect(r.up({ part_1: { id: 1, name: 'x' }, note: 'n' })).toEqual({ part_1: { id: 1, title: 'x' }, note: 'n' })
  })

  test('anyOf [Part, null] (a nullable zod / TypeBox schema) -> an object renamed, null left as null', () => {
    const r = setup((p) => ({ type: 'object', properties: { part: { anyOf: [p, { type: 'null' }] } } }))
    expect(r.down({ part: { id: 1, title: 'x' } })).toEqual({ part: { id: 1, name: 'x' } })
    expect(r.down({ part: null })).toEqual({ part: null })
    expect(r.up({ part: { id: 1, name: 'x' } })).toEqual({ part: { id: 1, title: 'x' } })
  })

  test('oneOf of tagged objects -> the branch whose const tag matches is migrated, the other left alone', () => {
    const r = setup((p) => ({
      oneOf: [
        { type: 'object', properties: { kind: { const: 'part' }, part: p } },
        { type: 'object', properties: { kind: { const: 'note' }, part: { type: 'object' } } },
      ],
    }))
    expect(r.down({ kind: 'part', part: { id: 1, title: 'x' } })).toEqual({ kind: 'part', part: { id: 1, name: 'x' } })
    expect(r.down({ kind: 'note', part: { title: 'x' } })).toEqual({ kind: 'note', part: { title: 'x' } })
  })

  test('allOf [Part, extra fields] -> Part fields renamed, the other part of the object kept', () => {
    const r = setup((p) => ({ allOf: [p, { type: 'object', properties: { extra: { type: 'string' } } }] }))
    expect(r.down({ id: 1, title: 'x', extra: 'e' })).toEqual({ id: 1, name: 'x', extra: 'e' })
    expect(r.up({ id: 1, name: 'x', extra: 'e' })).toEqual({ id: 1, title: 'x', extra: 'e' })
  })

  test('prefixItems [Part, string] -> the first item renamed, the second untouched', () => {
    const r = setup((p) => ({ type: 'array', prefixItems: [p, { type: 'string' }] }))
    expect(r.down([{ id: 1, title: 'x' }, 's'])).toEqual([{ id: 1, name: 'x' }, 's'])
  })

  test('items of items -> nested arrays of named objects renamed', () => {
    const r = setup((p) => ({ type: 'array', items: { type: 'array', items: p } }))
    expect(r.down([[{ id: 1, title: 'x' }]])).toEqual([[{ id: 1, name: 'x' }]])
  })

  test('a map value whose key is __proto__ -> kept as an own property, no prototype touched', () => {
    const r = setup((p) => ({ type: 'object', additionalProperties: p }))
    const out = r.down(JSON.parse('{"__proto__": {"id": 1, "title": "x"}}')) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).id).toBeUndefined()
  })
})

describe('schema positions the engine refuses', () => {
  test('anyOf of two untagged object branches, one migrated -> STRATA_ERR_CHANGE_AMBIGUOUS_UNION at start-up', () => {
    expect(() => setup((p) => ({ anyOf: [p, { type: 'object', properties: { other: { type: 'string' } } }] }))).toThrow(
      expect.objectContaining({
        code: 'STRATA_ERR_CHANGE_AMBIGUOUS_UNION',
        message: expect.stringMatching(/POST \/pos\d+.*anyOf/),
      }),
    )
  })

  for (const keyword of ['not', 'if', 'contains', 'propertyNames', 'dependentSchemas']) {
    test(`changed schema under ${keyword} -> STRATA_ERR_CHANGE_UNFOLLOWED_POSITION naming route and position`, () => {
      const wrap = (p: JsonSchema): JsonSchema =>
        keyword === 'dependentSchemas'
          ? { type: 'object', dependentSchemas: { a: p } }
          : keyword === 'contains'
            ? { type: 'array', contains: p }
            : { type: 'object', properties: { a: { [keyword]: p } } }
      expect(() => setup(wrap)).toThrowError(
        expect.objectContaining({
          code: 'STRATA_ERR_CHANGE_UNFOLLOWED_POSITION',
          message: expect.stringContaining(keyword),
        }),
      )
    })
  }
})
