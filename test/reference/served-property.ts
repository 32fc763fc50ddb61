import fc from 'fast-check'
import Fastify, { type FastifyInstance } from 'fastify'
import { strata } from '../../src/adapters/fastify/index.ts'
import { defineApi } from '../../src/api/index.ts'
import { fromHeader } from '../../src/negotiate/index.ts'
import { caseOf, type DifferentialCase, describeCase } from './case.ts'
import { enumValuesOf, type Narrow } from './properties.ts'
import { mutate, pick, validValue } from './value-arbitrary.ts'

// The differential acceptance property through a real Fastify app: which versions validate, and when,
// is the adapter's (or the runtime's) wiring, which ./compiled.ts deliberately bypasses.

/** A Fastify app serving the generated route at every version of the generated ledger. */
async function appOf(c: DifferentialCase): Promise<FastifyInstance> {
  const app = Fastify({ ajv: { customOptions: { strict: false, coerceTypes: false } } })
  await app.register(strata, {
    api: defineApi({
      versions: c.versions,
      negotiation: { sources: [fromHeader('Api-Version')] },
      clock: () => new Date('2026-01-01'),
    }),
  })
  app.post('/reference', { schema: { body: c.head.root } }, async () => ({ ok: true }))
  await app.ready()
  return app
}

/**
 * A body the reference forbids at an older version is answered 422; one it allows, whose reference
 * migration head accepts, is answered 200.
 */
export const servedProperty = (narrow: Narrow = {}) =>
  fc.asyncProperty(fc.gen(), async (g) => {
    const c = caseOf(g, narrow)
    const head = c.reference.head
    const app = await appOf(c)
    try {
      const pool = enumValuesOf(c.reference.shapesAt(head), c.reference.shapesAt(0))
      for (let v = 0; v < head; v++) {
        const schema = c.reference.schemaAt(c.head.root, pick(g, [v, head]))
        const valid = validValue(g, schema, schema.$defs as Record<string, unknown>)
        for (const sent of [valid, mutate(g, valid, pool)]) {
          const expected = _expectedStatus(c, v, sent)
          if (expected === undefined) continue
          const res = await app.inject({
            method: 'POST',
            url: '/reference',
            headers: { 'api-version': String(v + 1), 'content-type': 'application/json' },
            payload: JSON.stringify(sent),
          })
          if (res.statusCode !== expected) {
            const facts = { 'at version index': v, sent, answer: res.body }
            throw new Error(
              `Fastify answered ${res.statusCode}, the reference says ${expected}\n${describeCase(c, facts)}`,
            )
          }
        }
      }
    } finally {
      await app.close()
    }
  })

function _expectedStatus(c: DifferentialCase, v: number, sent: unknown): 200 | 422 | undefined {
  const { reference, head } = c
  if (!reference.accepts(head.root, v, sent)) return 422
  // A body its version allows may still fail head's validation (an added required field): no claim then.
  const up = reference.requestUp(head.root, v, reference.asValidated(head.root, v, sent))
  return reference.accepts(head.root, reference.head, up) ? 200 : undefined
}
