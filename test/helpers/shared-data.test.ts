import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { repoRoot, sharedData } from './shared-data.ts'

const root = path.join(mkdtempSync(path.join(tmpdir(), 'strata-shared-')), 'checkout')
mkdirSync(root)

describe('external test data in ../shared', () => {
  test('folder absent, STRATA_REQUIRE_CORPUS unset -> skipped with one line', () => {
    const lines: string[] = []
    const data = sharedData('corpus/none', 'manifest.json', { root, env: {}, log: (l) => lines.push(l) })
    expect(data).toMatchObject({ present: false, required: false })
    expect(lines).toEqual(['corpus/none: skipped, ../shared/corpus/none is absent'])
  })

  test('folder absent, STRATA_REQUIRE_CORPUS=1 -> required and absent (the suite fails), no skip line', () => {
    const lines: string[] = []
    const env = { STRATA_REQUIRE_CORPUS: '1' }
    const data = sharedData('corpus/none', 'manifest.json', { root, env, log: (l) => lines.push(l) })
    expect(data).toMatchObject({ present: false, required: true })
    expect(lines).toEqual([])
  })

  test('generic CI=true alone -> not required (only the project CI script decides)', () => {
    const data = sharedData('corpus/none', 'manifest.json', { root, env: { CI: 'true' }, log: () => {} })
    expect(data.required).toBe(false)
  })

  test('marker file present -> present', () => {
    const dir = path.join(root, '../shared/corpus/some')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'manifest.json'), '{}')
    expect(sharedData('corpus/some', 'manifest.json', { root, env: {} }).present).toBe(true)
  })

  test('.ci/run: requires the corpus and runs exactly the README test command', () => {
    const script = readFileSync(path.join(repoRoot, '.ci/run'), 'utf8')
    expect(script).toMatch(/^export STRATA_REQUIRE_CORPUS=1$/m)
    expect(script).toMatch(/^npm test$/m)
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain('npm install && npm test')
  })
})
