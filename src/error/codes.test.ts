import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { problemCatalogue } from '../conventions/error/index.ts'
import { strataErrorCodes } from './codes.ts'

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')

describe('error catalogue', () => {
  test.each(Object.keys(strataErrorCodes))(
    'programmer error %s: in the catalogue -> documented in docs/errors.md',
    (code) => {
      expect(doc).toContain(`\`${code}\``)
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
