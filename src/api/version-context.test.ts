import { describe, expect, test } from 'vitest'
import { defineChange } from '../change/index.ts'
import { isStrataError } from '../error/index.ts'
import { fromHeader } from '../negotiate/index.ts'
import { createRuntime, defineRoute, type RouteInput } from '../runtime/index.ts'
import { calendarScheme, defineVersions } from '../version/index.ts'
import { defineApi } from './index.ts'

const strictNames = defineChange({ name: 'strictNames', description: 'Names are checked strictly.' })
const neverAttached = defineChange({ name: 'neverAttached', description: 'In no version.' })
const api = defineApi({
  versions: defineVersions({
    scheme: calendarScheme(),
    versions: [{ id: '2024-01-01' }, { id: '2025-01-01', changes: [strictNames] }],
  }),
  negotiation: { sources: [fromHeader('Api-Version')], default: 'latest' },
})

/** Serves one GET /probe whose handler asks its version context `ask`; returns the answer and what was logged. */
async function probe(ask: (input: RouteInput<unknown, unknown, unknown>) => unknown, version: string) {
  const logged: unknown[] = []
  const runtime = createRuntime({
    api,
    routes: [defineRoute({ method: 'GET', path: '/probe', handler: (input) => ({ answer: ask(input) }) })],
    onError: (error) => logged.push(error),
  })
  const res = await runtime.handle({ method: 'GET', url: '/probe', headers: { 'api-version': version } })
  return { status: res.status, body: JSON.parse(res.body ?? 'null'), logged }
}

describe('what a handler asks of its version', () => {
  test('has(change) for a change attached to 2025-01-01 -> false at 2024-01-01, true at 2025-01-01', async () => {
    expect((await probe(({ strata }) => strata.has(strictNames), '2024-01-01')).body).toEqual({ answer: false })
    expect((await probe(({ strata }) => strata.has(strictNames), '2025-01-01')).body).toEqual({ answer: true })
  })

  test('has(change) for a change no version introduces -> 500 answered, STRATA_ERR_CHANGE_NOT_IN_LEDGER logged', async () => {
    const { status, logged } = await probe(({ strata }) => strata.has(neverAttached), '2025-01-01')
    expect(status).toBe(500)
    expect(logged).toHaveLength(1)
    expect(isStrataError(logged[0], 'STRATA_ERR_CHANGE_NOT_IN_LEDGER')).toBe(true)
    expect((logged[0] as Error).message).toContain('has(neverAttached): no version introduces this change; attach it')
  })

  test("atLeast('2024-06-01') at 2025-01-01 -> true; a misspelt id -> STRATA_ERR_VERSION_INVALID_ID logged", async () => {
    expect((await probe(({ strata }) => strata.atLeast('2024-06-01'), '2025-01-01')).body).toEqual({ answer: true })
    const { status, logged } = await probe(({ strata }) => strata.atLeast('2024-13-01'), '2025-01-01')
    expect(status).toBe(500)
    expect(isStrataError(logged[0], 'STRATA_ERR_VERSION_INVALID_ID')).toBe(true)
    expect((logged[0] as Error).message).toContain("atLeast('2024-13-01'): not a calendar version")
  })
})
