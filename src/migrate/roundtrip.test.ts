import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { defineChange, schema } from '../change/index.ts'
import { defineSchema } from '../schema/index.ts'
import { calendarScheme, defineVersions } from '../version/index.ts'
import { planRoute } from './route-plan.ts'

// Property: for a ledger of invertible changes (renames, reversible type changes), a head object sent
// down to any older version and back up is the object it started as.

const FIELDS = ['a', 'b', 'c', 'd'] as const

interface Step {
  readonly field: number
  readonly kind: 'rename' | 'stringify'
}

const steps = fc.array(
  fc.record({
    field: fc.integer({ min: 0, max: FIELDS.length - 1 }),
    kind: fc.constantFrom('rename' as const, 'stringify' as const),
  }),
  { minLength: 1, maxLength: 12 },
)

let schemaCounter = 0

function ledgerOf(list: readonly Step[]) {
  const Thing = defineSchema(`Thing${schemaCounter++}`, {
    type: 'object',
    properties: Object.fromEntries(FIELDS.map((f) => [f, { type: 'number' }])),
  })
  // Names at head are a..d; each rename step (walking back from head) gives the field an older name.
  const current = [...FIELDS] as string[]
  // Which fields are strings at the version being built (walking back from head, where all are numbers).
  const stringified = new Set<number>()
  const changes = list.map((s, i) => {
    const name = current[s.field]!
    if (s.kind === 'rename') {
      const older = `${name}_${i}`
      current[s.field] = older
      return defineChange({
        name: `r${i}`,
        description: 'r',
        instructions: [schema(Thing).field(name).renamedFrom(older)],
      })
    }
    const instruction = stringified.has(s.field)
      ? schema(Thing)
          .field(name)
          .typeChanged({ was: { type: 'number' }, down: (v) => Number(v), up: (v) => String(v) })
      : schema(Thing)
          .field(name)
          .typeChanged({ was: { type: 'string' }, down: (v) => String(v), up: (v) => Number(v) })
    if (stringified.has(s.field)) stringified.delete(s.field)
    else stringified.add(s.field)
    return defineChange({ name: `t${i}`, description: 't', instructions: [instruction] })
  })
  // Changes were built newest first; versions are declared oldest first.
  const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
  const versions = defineVersions({
    scheme: calendarScheme(),
    versions: [{ id: day(0) }, ...changes.reverse().map((c, i) => ({ id: day(i + 1), changes: [c] }))],
  }).versions
  return { Thing, versions }
}

describe('migration round trips', () => {
  test('property: any chain of renames and reversible type changes -> down then up returns the head object', () => {
    fc.assert(
      fc.property(
        steps,
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 4, maxLength: 4 }),
        (list, values) => {
          const { Thing, versions } = ledgerOf(list)
          const plan = planRoute(
            { method: 'POST', path: '/things', body: Thing.schema, responses: { 200: Thing.schema } },
            versions,
          )
          const head = Object.fromEntries(FIELDS.map((f, i) => [f, values[i]]))
          for (let v = 0; v < versions.length - 1; v++) {
            const response = { body: head as unknown, status: 200, headers: {} }
            plan.plan(v)?.responseDown?.(response)
            const request = { body: response.body, query: {}, headers: {} }
            plan.plan(v)?.requestUp?.(request)
            expect(request.body).toEqual(head)
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
