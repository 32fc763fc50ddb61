import { isDeepStrictEqual } from 'node:util'
import { defineChange } from '../../src/change/index.ts'
import type { Instruction } from '../../src/change/instruction.ts'
import { defineVersions, integerScheme, type VersionSet } from '../../src/version/index.ts'
import { asJson, type CompiledRoute, compileRoute } from './compiled.ts'
import { type HeadCase, headOf, type Position } from './head-arbitrary.ts'
import { createReference, type Reference } from './interpreter.ts'
import { type Kind, ledgerOf } from './ledger-arbitrary.ts'
import type { Draw } from './value-arbitrary.ts'

// One generated case of the differential tests: a head, a ledger over it, the reference interpreter and
// the compiled engine for the same route, and a failure message a human can replay.

/** A head, its ledger, and both engines built from them. */
export interface DifferentialCase {
  readonly head: HeadCase
  readonly instructions: readonly Instruction[][]
  readonly reference: Reference
  readonly compiled: CompiledRoute
  /** The ledger as an API takes it. */
  readonly versions: VersionSet
}

/** Property runs: small in CI, larger with `STRATA_PROPERTY_RUNS=2000`. */
export const runs = (ci: number): number => Number(process.env.STRATA_PROPERTY_RUNS ?? '') || ci

// To look past one disagreement for the next, narrow what is generated from the environment, e.g.
// STRATA_REFERENCE_POSITIONS=object,array,map STRATA_REFERENCE_KINDS=renamed,added npx vitest run test/reference
const _listFromEnv = (name: string): string[] | undefined => process.env[name]?.split(',').filter(Boolean)
const _envPositions = () => {
  const list = _listFromEnv('STRATA_REFERENCE_POSITIONS')
  return list === undefined ? undefined : new Set(list as Position[])
}
const _envKinds = () => _listFromEnv('STRATA_REFERENCE_KINDS') as Kind[] | undefined

/** A test timeout for a property of `ci` runs in CI: generous, and growing with the runs asked for. */
export const timeoutFor = (ci: number): number => 30_000 + runs(ci) * 500

/**
 * fast-check options for a property of `ci` runs: on a loaded machine the runs stop (and a shrink in
 * progress reports its best counterexample so far) before the test's own timeout would hide it.
 */
export const budget = (ci: number) => ({
  numRuns: runs(ci),
  interruptAfterTimeLimit: timeoutFor(ci) - 10_000,
  // CI replays one sequence (a regression fails every run, never by luck); local runs explore new ones.
  ...(process.env.CI || process.env.STRATA_PROPERTY_SEED
    ? { seed: Number(process.env.STRATA_PROPERTY_SEED ?? 20261204) }
    : {}),
})

/**
 * Draws a head and a ledger and builds the reference and the compiled engine for them.
 *
 * @example
 * fc.assert(fc.property(fc.gen(), (g) => { const c = caseOf(g) }))
 */
export function caseOf(
  g: Draw,
  narrow: { positions?: ReadonlySet<Position>; kinds?: readonly Kind[] } = {},
): DifferentialCase {
  const head = headOf(g, narrow.positions ?? _envPositions())
  const instructions = ledgerOf(g, head, narrow.kinds ?? _envKinds())
  const versionSet = defineVersions({
    scheme: integerScheme(),
    versions: instructions.map((list, i) => ({
      id: String(i + 1),
      changes:
        list.length === 0
          ? []
          : [defineChange({ name: `change${i + 1}`, description: 'generated', instructions: list })],
    })),
  })
  const versions = versionSet.versions
  const reference = createReference({ versions, named: head.named })
  const partial = { head, instructions, reference, versions: versionSet }
  try {
    return { ...partial, compiled: compileRoute(head.root, versions) }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    const at = describeCase(partial, {})
    throw new Error(`the compiled engine refuses a ledger the reference accepts: ${why}\n${at}`, { cause: error })
  }
}

const _json = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? `fn ${v.name || 'anonymous'}` : v))

/** Everything needed to replay a disagreement, one fact per line. */
export function describeCase(c: Omit<DifferentialCase, 'compiled'>, facts: Record<string, unknown>): string {
  const shapes = c.reference.shapesAt(c.reference.head)
  return [
    ...[...shapes].map(([name, shape]) => `named ${name} (head): ${_json(shape)}`),
    `route schema (head): ${_json(c.reference.schemaAt(c.head.root, c.reference.head).$defs === undefined ? c.head.root : { ...c.reference.schemaAt(c.head.root, c.reference.head), $defs: '(named above)' })}`,
    ...c.instructions.map((list, i) => `version index ${i}: ${list.length === 0 ? '-' : _json(list)}`),
    ...Object.entries(facts).map(([k, v]) => `${k}: ${_json(v)}`),
  ].join('\n')
}

/**
 * Throws a replayable description when the compiled engine (`run`, whose exceptions count as answers)
 * and the reference disagree.
 */
export function expectSame(
  c: DifferentialCase,
  what: string,
  facts: Record<string, unknown>,
  run: () => unknown,
  expected: unknown,
): void {
  let actual: unknown
  try {
    actual = run()
  } catch (error) {
    actual = `compiled engine threw: ${error instanceof Error ? error.message : String(error)}`
  }
  if (isDeepStrictEqual(asJson(actual), asJson(expected))) return
  throw new Error(`${what}: compiled and reference disagree\n${describeCase(c, { ...facts, expected, actual })}`)
}
