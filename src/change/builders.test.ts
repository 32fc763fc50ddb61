import { Type } from '@sinclair/typebox'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { z } from 'zod'
import type { VersionContext } from '../api/index.ts'
import { defineSchema } from '../schema/index.ts'
import { type Change, defineChange, schema } from './index.ts'

// The compile-time promises of src/change/README.md, proven under `npm run typecheck` (tsconfig includes
// test files): each `@ts-expect-error` must meet a type error, or tsc fails on the unused directive.

const Person = defineSchema('BuilderPerson', Type.Object({ id: Type.Integer(), fullName: Type.String() }))
const Owner = defineSchema('BuilderOwner', z.object({ id: z.number(), fullName: z.string() }))
type OldPerson = { id: number; first: string; last: string }

describe('custom migrations are typed by the head schema', () => {
  test('response and request migrations of the declared Old shape -> compile, and build the instruction', () => {
    const split = schema(Person).migrate<OldPerson>({
      response: (head) => {
        expectTypeOf(head).toEqualTypeOf<{ id: number; fullName: string }>()
        const [first = '', last = ''] = head.fullName.split(' ')
        return { id: head.id, first, last }
      },
      request: (old) => ({ id: old.id, fullName: `${old.first} ${old.last}` }),
    })
    expect(split).toMatchObject({ kind: 'schema-migration', schema: 'BuilderPerson' })
    expectTypeOf(schema(Owner).migrate<OldPerson>)
      .parameter(0)
      .toHaveProperty('response')
  })

  test('a response migration returning the wrong shape for Old -> compile error (TypeBox and zod heads)', () => {
    schema(Person).migrate<OldPerson>({
      // @ts-expect-error: `last` is missing from the Old shape
      response: (head) => ({ id: head.id, first: head.fullName }),
    })
    schema(Owner).migrate<OldPerson>({
      // @ts-expect-error: `id` must be a number in the Old shape
      response: (head) => ({ id: String(head.id), first: '', last: '' }),
    })
  })

  test('a migration reading a field head does not have -> compile error', () => {
    schema(Person).migrate<OldPerson>({
      // @ts-expect-error: head has no `name` (it was renamed to fullName)
      response: (head) => ({ id: head.id, first: head.name, last: '' }),
    })
    schema(Owner).migrate<OldPerson>({
      // @ts-expect-error: a request migration must return head's shape, which has no `first`
      request: (old) => ({ id: old.id, first: old.first }),
    })
  })
})

describe('instruction builders accept only well-formed instructions', () => {
  test('typeChanged without down, madeRequired without default, enumValueAdded without fallback -> compile errors', () => {
    const field = schema(Person).field('fullName')
    // Never called: only the compiler's verdict on these calls matters.
    const illFormed = () => [
      // @ts-expect-error: typeChanged needs `was`, `down` and `up`
      field.typeChanged({ was: { type: 'string' }, up: String }),
      // @ts-expect-error: madeRequired needs a `default`
      field.madeRequired({}),
      // @ts-expect-error: enumValueAdded needs a `fallback`
      field.enumValueAdded('x'),
    ]
    expect(typeof illFormed).toBe('function')
    expect(field.typeChanged({ was: { type: 'integer' }, down: Number, up: String })).toMatchObject({
      kind: 'field-type-changed',
    })
  })
})

describe('handlers ask about changes by object', () => {
  test('req.strata.has takes a Change, not its name -> a string is a compile error', () => {
    const strictNames = defineChange({ name: 'strictNames', description: 'd' })
    expectTypeOf<VersionContext['has']>().parameter(0).toEqualTypeOf<Change>()
    const ask = (strata: VersionContext) => {
      // @ts-expect-error: pass the Change object, so renaming or deleting the change breaks the build
      strata.has('strictNames')
      return strata.has(strictNames)
    }
    expect(typeof ask).toBe('function')
  })
})
