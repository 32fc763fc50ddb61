import fc from 'fast-check'
import { caseOf, expectSame } from './case.ts'
import type { Position } from './head-arbitrary.ts'
import type { Kind } from './ledger-arbitrary.ts'
import { mutate, pick, validValue } from './value-arbitrary.ts'

// The differential properties: the compiled engine (reached through ./compiled.ts) against the reference
// interpreter (./interpreter.ts). `narrow` limits the generated positions and instruction kinds, to
// hunt one class of defect at a time; the CI suite uses everything.

/** Limits on what a property generates. */
export interface Narrow {
  readonly positions?: ReadonlySet<Position>
  readonly kinds?: readonly Kind[]
}

/** A head value sent down to every older version equals the reference's value. */
export const responseProperty = (narrow: Narrow = {}) =>
  fc.property(fc.gen(), (g) => {
    const c = caseOf(g, narrow)
    const headSchema = c.reference.schemaAt(c.head.root, c.reference.head)
    for (let v = 0; v < c.reference.head; v++) {
      const value = validValue(g, headSchema, headSchema.$defs as Record<string, unknown>)
      const expected = c.reference.responseDown(c.head.root, v, value)
      expectSame(
        c,
        'response down',
        { 'to version index': v, head: value },
        () => c.compiled.responseDown(v, value),
        expected,
      )
    }
  })

/** A value valid at an older version, migrated up, equals the reference's head value. */
export const requestProperty = (narrow: Narrow = {}) =>
  fc.property(fc.gen(), (g) => {
    const c = caseOf(g, narrow)
    for (let v = 0; v < c.reference.head; v++) {
      const schema = c.reference.schemaAt(c.head.root, v)
      const value = validValue(g, schema, schema.$defs as Record<string, unknown>)
      const expected = c.reference.requestUp(c.head.root, v, value)
      expectSame(
        c,
        'request up',
        { 'from version index': v, sent: value },
        () => c.compiled.requestUp(v, value),
        expected,
      )
    }
  })

/** Valid and broken values at an older version are accepted exactly when the reference's schema accepts them. */
export const acceptanceProperty = (narrow: Narrow = {}) =>
  fc.property(fc.gen(), (g) => {
    const c = caseOf(g, narrow)
    const head = c.reference.head
    const pool = enumValuesOf(c.reference.shapesAt(head), c.reference.shapesAt(0))
    for (let v = 0; v < head; v++) {
      // Values of the client's version, of head (a newer client's shape sent as an old version), broken ones.
      const at = pick(g, [v, head])
      const schema = c.reference.schemaAt(c.head.root, at)
      const valid = validValue(g, schema, schema.$defs as Record<string, unknown>)
      for (const sent of [valid, mutate(g, valid, pool)]) {
        const expected = c.reference.accepts(c.head.root, v, sent)
        expectSame(c, 'acceptance', { 'at version index': v, sent }, () => c.compiled.accepts(v, sent), expected)
      }
    }
  })

/** A value valid at an older version, validated (which may strip and fill) then migrated, equals the reference's head value. */
export const servingProperty = (narrow: Narrow = {}) =>
  fc.property(fc.gen(), (g) => {
    const c = caseOf(g, narrow)
    for (let v = 0; v < c.reference.head; v++) {
      const schema = c.reference.schemaAt(c.head.root, v)
      const value = validValue(g, schema, schema.$defs as Record<string, unknown>)
      const validated = c.reference.asValidated(c.head.root, v, value)
      const expected = { accepted: true, body: c.reference.requestUp(c.head.root, v, validated) }
      expectSame(
        c,
        'validate then migrate',
        { 'from version index': v, sent: value },
        () => c.compiled.serve(v, value),
        expected,
      )
    }
  })

/** Every enum value of two versions' shapes: what a mutated value may carry. */
export function enumValuesOf(...versions: ReadonlyMap<string, unknown>[]): unknown[] {
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
