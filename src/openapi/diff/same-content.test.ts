import { describe, expect, test } from 'vitest'
import { brief, diff, responseBody } from '../../../test/helpers/openapi-pair.ts'
import { isOpenApiInputError } from '../load/input-error.ts'
import { getByPointer, type JsonObject } from '../load/json-pointer.ts'
import { SameContent } from './same-content.ts'

/** A checker over two component maps, resolving `#/components/schemas/<name>` on each side. */
function checker(oldSchemas: Record<string, unknown>, newSchemas: Record<string, unknown>) {
  const roots = { old: { components: { schemas: oldSchemas } }, new: { components: { schemas: newSchemas } } }
  return new SameContent((side, node) => getByPointer(roots[side], (node as JsonObject).$ref as string))
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const node = (name: string, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties: { next: ref(name), ...extra },
})

describe('SameContent', () => {
  test('same JSON with keys in another order -> same', () => {
    expect(checker({}, {}).same({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
  })

  test('a value, an array length or a key differs -> not the same', () => {
    const same = checker({}, {})
    expect(same.same({ a: 1 }, { a: 2 })).toBe(false)
    expect(same.same([1, 2], [1, 2, 3])).toBe(false)
    expect(same.same({ a: 1 }, { b: 1 })).toBe(false)
    expect(same.same({ a: null }, { a: {} })).toBe(false)
  })

  test('equal $ref strings whose targets differ -> not the same', () => {
    expect(checker({ Pet: { type: 'string' } }, { Pet: { type: 'integer' } }).same(ref('Pet'), ref('Pet'))).toBe(false)
  })

  test('a component renamed with the same content -> same', () => {
    expect(checker({ Pet: { type: 'string' } }, { Animal: { type: 'string' } }).same(ref('Pet'), ref('Animal'))).toBe(
      true,
    )
  })

  test('a $ref on one side and the inlined schema on the other -> not the same (compared rule by rule)', () => {
    expect(checker({ Pet: { type: 'string' } }, {}).same(ref('Pet'), { type: 'string' })).toBe(false)
  })

  test('unchanged cycle A -> B -> A -> same, and stays same when asked again from B', () => {
    const schemas = { A: node('B'), B: node('A') }
    const same = checker(schemas, structuredClone(schemas))
    expect(same.same(ref('A'), ref('A'))).toBe(true)
    expect(same.same(ref('B'), ref('B'))).toBe(true)
  })

  test('a difference at the far end of a cycle -> every pair on the cycle differs, asked in any order', () => {
    const oldSchemas = { A: node('B'), B: node('C'), C: node('A', { tag: { type: 'string' } }) }
    const newSchemas = { A: node('B'), B: node('C'), C: node('A', { tag: { type: 'integer' } }) }
    const same = checker(oldSchemas, newSchemas)
    expect([same.same(ref('A'), ref('A')), same.same(ref('B'), ref('B')), same.same(ref('C'), ref('C'))]).toEqual([
      false,
      false,
      false,
    ])
  })

  test('a self-cycle met beside a difference -> the self-cycle is still the same', () => {
    // Root reaches Loop (the same, through a cycle of its own) and then Changed: only Root and Changed differ.
    const oldSchemas = {
      Root: { type: 'object', properties: { loop: ref('Loop'), changed: ref('Changed') } },
      Loop: node('Loop'),
      Changed: { type: 'string' },
    }
    const newSchemas = { ...structuredClone(oldSchemas), Changed: { type: 'integer' } }
    const same = checker(oldSchemas, newSchemas)
    expect(same.same(ref('Root'), ref('Root'))).toBe(false)
    expect(same.same(ref('Loop'), ref('Loop'))).toBe(true)
    expect(same.same(ref('Changed'), ref('Changed'))).toBe(false)
  })

  test('a pair that leaned on a cycle still in progress, met again later in that cycle -> settled by it', () => {
    // A -> B -> C -> A and A -> D -> B; the change is in D's own field, reached after B finished.
    const shared = { B: node('C'), C: node('A') }
    const oldSchemas = {
      A: { type: 'object', properties: { b: ref('B'), d: ref('D') } },
      D: { type: 'object', properties: { b: ref('B'), x: { type: 'string' } } },
      ...shared,
    }
    const newSchemas = {
      ...structuredClone(oldSchemas),
      D: { type: 'object', properties: { b: ref('B'), x: { type: 'number' } } },
    }
    const same = checker(oldSchemas, newSchemas)
    expect(same.same(ref('A'), ref('A'))).toBe(false)
    // B and C reach A, which differs through D.
    expect(same.same(ref('B'), ref('B'))).toBe(false)
    expect(same.same(ref('C'), ref('C'))).toBe(false)
  })
})

describe('unchanged subtrees in the diff', () => {
  test('a change reached only through an unchanged component -> found once, used where the outer one is', () => {
    const outer = { type: 'object', properties: { owner: ref('Owner') } }
    const findings = diff(
      responseBody(ref('Pet'), { Pet: outer, Owner: { type: 'object', properties: { id: { type: 'string' } } } }),
      responseBody(ref('Pet'), { Pet: outer, Owner: { type: 'object', properties: { id: { type: 'integer' } } } }),
    )
    expect(brief(findings)).toEqual(['breaking response-type-changed #/components/schemas/Owner/properties/id'])
    expect(findings[0]?.usedIn?.map((u) => `${u.method} ${u.path}`)).toEqual(['GET /pets'])
  })

  test('two releases with identical content but renamed components -> no findings', () => {
    const pet = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
    expect(diff(responseBody(ref('Pet'), { Pet: pet }), responseBody(ref('Animal'), { Animal: pet }))).toEqual([])
  })
})

describe('a chain of $refs too long to follow', () => {
  test('5,000 components each pointing at the next, changed at the end -> input error, not a stack overflow', () => {
    const chain = (leaf: string) => {
      const schemas: Record<string, unknown> = { [`S${5000}`]: { type: leaf } }
      for (let i = 0; i < 5000; i++) schemas[`S${i}`] = { type: 'object', properties: { n: ref(`S${i + 1}`) } }
      return responseBody(ref('S0'), schemas)
    }
    let caught: unknown
    try {
      diff(chain('string'), chain('integer'))
    } catch (error) {
      caught = error
    }
    expect(isOpenApiInputError(caught) && caught.message).toBe(
      'new.yaml: its schemas or those of old.yaml chain `$ref`s too deeply to compare',
    )
  })
})
