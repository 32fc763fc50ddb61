import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRuntime } from 'strata'
import { describe, expect, test } from 'vitest'
import { calendarProgram } from '../../examples/calendar/serve.ts'
import { codeGeneration } from '../../src/migrate/codegen.ts'

// Runs in the `no-codegen` project (node --disallow-code-generation-from-strings), as on Workers.
describe('the runtime where generating code is not allowed', () => {
  const program = () => calendarProgram({ dataDir: mkdtempSync(join(tmpdir(), 'strata-nocodegen-')) })

  test('this process forbids new Function -> codeGeneration() is false', () => {
    expect(codeGeneration()).toBe(false)
    expect(() => new Function('return 1')).toThrow(EvalError)
  })

  test('no precompiled validators -> refused at start-up naming strata validators', async () => {
    const { runtime, store } = await program()
    try {
      expect(() => createRuntime({ ...runtime, validators: {} })).toThrow(
        expect.objectContaining({
          code: 'STRATA_ERR_VALIDATORS_NOT_PRECOMPILED',
          message: expect.stringContaining('strata validators --app'),
        }),
      )
    } finally {
      await store.close()
    }
  })

  test('the generated validators -> an old-version body validated at its version, migrated, answered', async () => {
    const { runtime, store } = await program()
    try {
      const served = createRuntime(runtime)
      const post = (version: string, body: unknown) =>
        served.handle({
          method: 'POST',
          url: '/api/v1/assets',
          headers: { 'content-type': 'application/json', 'cdf-version': version },
          body: JSON.stringify(body),
        })
      const bad = await post('20230101', { name: 'pump', criticality: 'critical' })
      expect(bad.status).toBe(422)
      expect(JSON.parse(bad.body!).error.fields).toEqual([expect.objectContaining({ field: 'criticality' })])
      const good = await post('20240601', { title: 'pump', unknownField: 1 })
      expect(good.status).toBe(201)
      expect(JSON.parse(good.body!)).toMatchObject({ title: 'pump', criticality: 'medium' })
      expect(JSON.parse(good.body!).unknownField).toBeUndefined()
    } finally {
      await store.close()
    }
  })
})
