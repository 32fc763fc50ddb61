import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { spec } from '../../../test/helpers/openapi-pair.ts'
import { toOpenApiDocument } from '../load/index.ts'
import { loadPolicyConfig, strictPolicy } from '../policy/index.ts'
import { defineRule } from '../rules/index.ts'
import { type CustomRule, diffOpenApi } from './index.ts'

// A house rule the built-in catalogue has no opinion on: generated SDKs name their methods after
// `x-sdk-method`, so renaming it breaks every SDK user.
const sdkMethodRenamed: CustomRule = defineRule({
  id: 'x-sdk-method-renamed',
  severity: 'breaking',
  summary: 'The SDK method name (`x-sdk-method`) of an operation changed.',
  example: '`x-sdk-method: listPets` -> `x-sdk-method: getPets`',
  message: ({ subject, from, to }) => `${subject} is now ${to} (was ${from}); SDK callers must rename their calls.`,
  check: ({ operations, report }) => {
    for (const op of operations) {
      const [before, after] = [op.old['x-sdk-method'], op.new['x-sdk-method']]
      if (before === undefined || before === after) continue
      report(
        { subject: `the SDK method of ${op.method} ${op.newPath}`, from: `\`${before}\``, to: `\`${after}\`` },
        {
          path: op.newPath,
          method: op.method,
          pointer: `#/paths/${op.newPath.replaceAll('/', '~1')}/get/x-sdk-method`,
        },
      )
    }
  },
})

const pets = (sdkMethod: string) =>
  toOpenApiDocument(
    spec({ '/pets': { get: { 'x-sdk-method': sdkMethod, responses: { '204': { description: 'none' } } } } }),
    `${sdkMethod}.json`,
  )
const now = new Date('2026-01-01T00:00:00Z')

describe('custom rules plugged into diffOpenApi', () => {
  test('x-sdk-method renamed: built-in rules only -> no finding; with the custom rule -> breaking', () => {
    expect(diffOpenApi(pets('listPets'), pets('getPets'), { now })).toEqual([])
    expect(diffOpenApi(pets('listPets'), pets('getPets'), { now, rules: [sdkMethodRenamed] })).toEqual([
      {
        rule: 'x-sdk-method-renamed',
        severity: 'breaking',
        location: { path: '/pets', method: 'GET', pointer: '#/paths/~1pets/get/x-sdk-method' },
        message: 'The SDK method of GET /pets is now `getPets` (was `listPets`); SDK callers must rename their calls.',
      },
    ])
  })

  test('unchanged x-sdk-method with the custom rule -> no finding', () => {
    expect(diffOpenApi(pets('listPets'), pets('listPets'), { now, rules: [sdkMethodRenamed] })).toEqual([])
  })

  test('policy config sets the custom rule to warning, then off -> its severity follows the config', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-custom-rule-'))
    const config = (setting: string) => {
      const file = path.join(dir, `${setting}.json`)
      writeFileSync(file, JSON.stringify({ rules: { 'x-sdk-method-renamed': setting } }))
      return loadPolicyConfig(file, strictPolicy, new Set([sdkMethodRenamed.id]))
    }
    const diff = (setting: string) =>
      diffOpenApi(pets('a'), pets('b'), { now, rules: [sdkMethodRenamed], policy: config(setting) })
    expect(diff('warning').map((f) => f.severity)).toEqual(['warning'])
    expect(diff('off')).toEqual([])
  })

  test('custom rule reusing a built-in id -> STRATA_ERR_RULE_INVALID_ID', () => {
    const clash = { ...sdkMethodRenamed, id: 'operation-removed' }
    expect(() => diffOpenApi(pets('a'), pets('b'), { now, rules: [clash] })).toThrow(
      'Rule id "operation-removed" is already taken by a built-in rule; choose another id. [STRATA_ERR_RULE_INVALID_ID]',
    )
  })
})
