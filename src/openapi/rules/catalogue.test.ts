import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { rules } from './catalogue.ts'

const doc = readFileSync(fileURLToPath(new URL('../../../docs/rules.md', import.meta.url)), 'utf8')

describe('rule catalogue', () => {
  test.each([...rules.values()])('$id: documented in docs/rules.md with its default severity', (rule) => {
    expect(doc).toMatch(new RegExp(`\\|\\s*\`${rule.id}\`\\s*\\|\\s*${rule.severity}\\s*\\|`))
  })

  test('docs/rules.md states the rule count', () => {
    expect(doc).toContain(`**${rules.size} rules**`)
  })
})
