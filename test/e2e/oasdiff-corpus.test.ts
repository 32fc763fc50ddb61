import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { diffOpenApi, loadOpenApi } from '../../src/openapi/index.ts'
import { repoRoot as root, sharedData } from '../helpers/shared-data.ts'

const { dir: corpus, present, required } = sharedData('corpus/oasdiff', 'manifest.json')

test.runIf(required && !present)(
  'oasdiff corpus: STRATA_REQUIRE_CORPUS=1 -> ../shared/corpus/oasdiff is present',
  () => {
    expect(present, `${corpus}/manifest.json is missing; .ci/run requires the corpus`).toBe(true)
  },
)

type Expect = 'breaking' | 'compatible' | 'warn'
interface Case {
  id: string
  base: string
  revision: string
  expect: Expect
  oasdiffIds: string[]
}
interface Waiver {
  id: string
  reason: string
}

// Sunsets in the fixtures are judged against a fixed day so the verdicts do not drift with time.
const now = new Date('2025-06-01T00:00:00Z')

function distinctPairs(): Case[] {
  const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { cases: Case[] }
  const pairs = new Map<string, Case>()
  for (const c of manifest.cases) {
    const key = `${c.base}\n${c.revision}`
    if (!pairs.has(key)) pairs.set(key, c)
  }
  return [...pairs.values()]
}

// oasdiff's fixtures are scored as oasdiff reads them: a few hold faults that `strata diff` refuses
// (a path parameter not marked required, a parameter with no schema), so they are loaded with those
// faults as warnings, and every pair keeps its verdict.
const lenient = { faults: 'warn' } as const

async function classify(c: Case): Promise<'breaking' | 'compatible'> {
  const oldDoc = await loadOpenApi(path.join(corpus, c.base), lenient)
  const newDoc = await loadOpenApi(path.join(corpus, c.revision), lenient)
  const findings = diffOpenApi(oldDoc, newDoc, { now })
  return findings.some((f) => f.severity === 'breaking') ? 'breaking' : 'compatible'
}

describe.skipIf(!present)('oasdiff corpus (acceptance)', () => {
  const waivers = JSON.parse(readFileSync(path.join(root, 'test/e2e/oasdiff-waivers.json'), 'utf8')) as {
    waivers: Waiver[]
  }
  const waived = new Map(waivers.waivers.map((w) => [w.id, w.reason]))
  const tally = {
    breaking: { agree: 0, total: 0 },
    compatible: { agree: 0, total: 0 },
    warn: { breaking: 0, compatible: 0 },
  }

  afterAll(() => {
    const pct = (a: number, t: number) => (t === 0 ? '-' : `${((100 * a) / t).toFixed(1)}%`)
    console.log(
      [
        'oasdiff corpus score (distinct pairs, strict policy):',
        `  breaking recall      ${tally.breaking.agree}/${tally.breaking.total} (${pct(tally.breaking.agree, tally.breaking.total)})`,
        `  compatible agreement ${tally.compatible.agree}/${tally.compatible.total} (${pct(tally.compatible.agree, tally.compatible.total)})`,
        `  warn -> breaking ${tally.warn.breaking}, compatible ${tally.warn.compatible}`,
        `  waivers ${waived.size}`,
      ].join('\n'),
    )
  })

  test('every waiver names a case of the manifest and gives a reason', () => {
    const ids = new Set(distinctPairs().map((c) => c.id))
    for (const [id, reason] of waived) {
      expect(ids.has(id), `waiver ${id} names no distinct pair`).toBe(true)
      expect(reason.length).toBeGreaterThan(40)
    }
  })

  test.each(present ? distinctPairs() : [])('$id: expected $expect', async (c) => {
    const got = await classify(c)
    if (c.expect === 'warn') {
      tally.warn[got]++
      return
    }
    tally[c.expect].total++
    if (got === c.expect) tally[c.expect].agree++
    if (waived.has(c.id)) {
      expect(got, `waived case ${c.id} now agrees with oasdiff: remove its waiver`).not.toBe(c.expect)
      return
    }
    expect(got, `${c.base} -> ${c.revision} (oasdiff: ${c.oasdiffIds.join(', ') || 'no finding'})`).toBe(c.expect)
  })
})

const run = promisify(execFile)

describe.skipIf(!present)('oasdiff corpus through the CLI', () => {
  const cli = async (base: string, revision: string) => {
    try {
      await run(process.execPath, [
        path.join(root, 'bin/strata.js'),
        'diff',
        path.join(corpus, base),
        path.join(corpus, revision),
      ])
      return 0
    } catch (error) {
      return (error as { code: number }).code
    }
  }

  test('a removed path (TestBreaking_DeletedPath) -> exit 1', async () => {
    expect(await cli('data/openapi-test1.yaml', 'data/openapi-test701.yaml')).toBe(1)
  })

  test('a file against itself (TestBreaking_Same) -> exit 0', async () => {
    expect(await cli('data/openapi-test1.yaml', 'data/openapi-test1.yaml')).toBe(0)
  })

  test('relative $refs across files (ref-chain-example) -> same verdict as the programmatic API', async () => {
    const c = distinctPairs().find((p) => p.base.includes('ref-chain'))
    expect(c).toBeDefined()
    if (c === undefined) return
    expect(await cli(c.base, c.revision)).toBe((await classify(c)) === 'breaking' ? 1 : 0)
  })
})
