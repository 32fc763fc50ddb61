import fc from 'fast-check'
import { describe, test } from 'vitest'
import { caseOf, expectSame, runs } from './case.ts'
import { mutate, pick, validValue } from './value-arbitrary.ts'

// Differential properties: the compiled engine (reached through ./compiled.ts) against the reference
// interpreter (./interpreter.ts), on random heads and ledgers of every field instruction kind.

const settings = (ci: number) => ({ numRuns: runs(ci) })

describe('compiled plans against the reference interpreter', () => {
  test('response migration: any ledger, a head value sent to every older version -> the reference value', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const c = caseOf(g)
        const headSchema = c.reference.schemaAt(c.head.root, c.reference.head)
        for (let v = 0; v < c.reference.head; v++) {
          const value = validValue(g, headSchema, headSchema.$defs as Record<string, unknown>)
          const expected = c.reference.responseDown(c.head.root, v, value)
          expectSame(
            c,
            'response down',
            { 'to version index': v, head: value },
            c.compiled.responseDown(v, value),
            expected,
          )
        }
      }),
      settings(150),
    )
  })

  test('request migration: any ledger, a value valid at an older version -> the reference head value', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const c = caseOf(g)
        for (let v = 0; v < c.reference.head; v++) {
          const schema = c.reference.schemaAt(c.head.root, v)
          const value = validValue(g, schema, schema.$defs as Record<string, unknown>)
          const expected = c.reference.requestUp(c.head.root, v, value)
          expectSame(
            c,
            'request up',
            { 'from version index': v, sent: value },
            c.compiled.requestUp(v, value),
            expected,
          )
        }
      }),
      settings(150),
    )
  })

  test('request validation: any ledger, valid and broken values at an older version -> accepted exactly when the reference schema accepts', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const c = caseOf(g)
        const head = c.reference.head
        const pool = enumValues(c.reference.shapesAt(head), c.reference.shapesAt(0))
        for (let v = 0; v < head; v++) {
          // Values of the client's version, of head (a newer client's shape sent as an old version), broken ones.
          const at = pick(g, [v, head])
          const schema = c.reference.schemaAt(c.head.root, at)
          const valid = validValue(g, schema, schema.$defs as Record<string, unknown>)
          for (const sent of [valid, mutate(g, valid, pool)]) {
            const expected = c.reference.accepts(c.head.root, v, sent)
            expectSame(c, 'acceptance', { 'at version index': v, sent }, c.compiled.accepts(v, sent), expected)
          }
        }
      }),
      settings(150),
    )
  })

  test('request serving: a value valid at an older version, validated then migrated -> the reference head value', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const c = caseOf(g)
        for (let v = 0; v < c.reference.head; v++) {
          const schema = c.reference.schemaAt(c.head.root, v)
          const value = validValue(g, schema, schema.$defs as Record<string, unknown>)
          const served = c.compiled.serve(v, value)
          const expected = { accepted: true, body: c.reference.requestUp(c.head.root, v, value) }
          expectSame(c, 'validate then migrate', { 'from version index': v, sent: value }, served, expected)
        }
      }),
      settings(100),
    )
  })
})

/** Every enum value and const of two versions' shapes: what a mutated value may carry. */
function enumValues(...versions: ReadonlyMap<string, unknown>[]): unknown[] {
  const out = new Set<unknown>()
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return
    const s = node as Record<string, unknown>
    if (Array.isArray(s.enum)) for (const v of s.enum) out.add(v)
    for (const child of Object.values(s)) visit(child)
  }
  for (const shapes of versions) for (const shape of shapes.values()) visit(shape)
  return [...out]
}
