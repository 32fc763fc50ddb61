import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { problemCatalogue } from '../conventions/error/index.ts'
import { strataErrorCodes } from './codes.ts'

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')
const root = new URL('../../', import.meta.url)

/** The text of every test file of the checkout except this one, which names every code. */
function testSources(): string {
  const texts: string[] = []
  const walk = (dir: URL) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(new URL(`${entry.name}/`, dir))
      else if (entry.name.endsWith('.test.ts') && new URL(entry.name, dir).href !== import.meta.url) {
        texts.push(readFileSync(new URL(entry.name, dir), 'utf8'))
      }
    }
  }
  for (const folder of ['src/', 'test/', 'examples/']) walk(new URL(folder, root))
  return texts.join('\n')
}

describe('error catalogue', () => {
  test.each(Object.keys(strataErrorCodes))(
    'programmer error %s: in the catalogue -> documented in docs/errors.md',
    (code) => {
      expect(doc).toContain(`\`${code}\``)
    },
  )

  const tests = testSources()
  test.each(Object.keys(strataErrorCodes))(
    'programmer error %s: in the catalogue -> a test provokes it (names the code)',
    (code) => {
      expect(tests.includes(code), `no test file names ${code}: add one that provokes it through the public API`).toBe(
        true,
      )
    },
  )

  test.each(Object.keys(problemCatalogue))(
    'HTTP error %s: in the catalogue -> documented in docs/errors.md',
    (code) => {
      expect(doc).toContain(`\`${code}\``)
    },
  )

  test('HTTP error codes: all of them -> UPPER_SNAKE', () => {
    for (const code of Object.keys(problemCatalogue)) expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/)
  })
})
