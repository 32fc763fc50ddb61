import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { createRuntime } from 'strata'
import { describe, expect, test } from 'vitest'
import { calendarProgram } from '../../examples/calendar/serve.ts'
import precompiled from '../../examples/calendar/validators.generated.js'
import { ajvOptions, type PartValidator } from '../../src/runtime/validate.ts'
import { strata } from '../helpers/strata-cli.ts'

const committed = 'examples/calendar/validators.generated.js'

describe('strata validators (as a process)', () => {
  test('the calendar example, --check against its committed module -> exit 0, up to date', async () => {
    const { code, stdout } = await strata(
      'validators',
      '--app',
      'examples/calendar-hono/main.ts',
      '--out',
      committed,
      '--check',
    )
    expect(stdout).toContain('is up to date')
    expect(code).toBe(0)
  })

  test('--check against a missing module -> exit 1 naming the command to run', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'strata-validators-')), 'v.js')
    const { code, stdout } = await strata('validators', '--app', 'examples/calendar/main.ts', '--out', out, '--check')
    expect(code).toBe(1)
    expect(stdout).toContain(`${out} is missing: run strata validators --app`)
  })

  test('--out that is not a JavaScript module -> one line, exit 2', async () => {
    const { code, stderr } = await strata('validators', '--app', 'examples/calendar/main.ts', '--out', 'v.ts')
    expect(code).toBe(2)
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('name the file *.js or *.mjs')])
  })
})

/** Every property name a schema mentions, so generated values hit its fields. */
function names(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) names(s, into)
  else if (schema !== null && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'properties' && v !== null && typeof v === 'object') for (const n of Object.keys(v)) into.add(n)
      names(v, into)
    }
  }
  return into
}

const program = await calendarProgram({ dataDir: mkdtempSync(path.join(tmpdir(), 'strata-validators-')) })
const schemas = createRuntime(program.runtime).registry.validators.compiledSchemas()
await program.store.close()

describe('generated validators against ajv compiling at start-up', () => {
  test('the calendar program -> every schema it compiles has a generated validator', () => {
    expect(schemas.length).toBeGreaterThan(5)
    for (const s of schemas) expect(Object.keys(precompiled)).toContain(s.key)
  })

  test.each(schemas.map((s) => [s.key, s] as const))(
    '%s: any value -> the same verdict, errors and value after defaults, removal and coercion',
    (_key, s) => {
      const compiled = new Ajv2020(ajvOptions(s.kind)).compile(s.schema)
      const generated = (precompiled as Record<string, PartValidator>)[s.key]!
      const fields = [...names(s.schema), 'other']
      const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.integer().map(String))
      const value = fc.oneof(fc.dictionary(fc.constantFrom(...fields), leaf), fc.jsonValue({ maxDepth: 3 }))
      fc.assert(
        fc.property(value, (v) => {
          const a = structuredClone(v)
          const b = structuredClone(v)
          expect(generated(b)).toBe(compiled(a))
          expect(b).toEqual(a)
          expect(generated.errors ?? null).toEqual(compiled.errors ?? null)
        }),
        { seed: Number(process.env.STRATA_PROPERTY_SEED ?? 20261204), numRuns: 300 },
      )
    },
  )
})
