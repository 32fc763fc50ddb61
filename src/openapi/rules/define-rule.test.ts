import { describe, expect, test } from 'vitest'
import { defineRule } from './index.ts'

const rule = (id: string) =>
  defineRule({ id, severity: 'warning', summary: 's', example: 'e', message: ({ subject }) => `${subject} changed` })

describe('defineRule', () => {
  test('kebab-case id -> the rule, frozen', () => {
    const r = rule('x-internal-flag-removed')
    expect(r.id).toBe('x-internal-flag-removed')
    expect(Object.isFrozen(r)).toBe(true)
  })

  test.each(['MyRule', 'my_rule', 'my--rule', '-my-rule', ''])(
    'id %j -> STRATA_ERR_RULE_INVALID_ID at definition',
    (id) => {
      expect(() => rule(id)).toThrow(`Rule id "${id}" must be kebab-case. [STRATA_ERR_RULE_INVALID_ID]`)
    },
  )
})
