import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CustomRule } from '../openapi/diff/index.ts'
import { registerLoader } from './load-app.ts'
import { CliUserError } from './user-error.ts'

const severities = new Set(['breaking', 'warning', 'info'])

/**
 * Imports the module of `--rules`: it exports `rules` (or a default export), an array of custom rules, each a
 * `defineRule({ id, severity, summary, example, message, check })`.
 *
 * @example
 * const rules = await loadCustomRules('strata-rules.ts')
 */
export async function loadCustomRules(file: string): Promise<CustomRule[]> {
  const path = resolve(file)
  if (!existsSync(path)) throw new CliUserError(`--rules ${file}: file not found.`)
  await registerLoader(path, '--rules')
  let mod: { rules?: unknown; default?: unknown }
  try {
    mod = (await import(pathToFileURL(path).href)) as typeof mod
  } catch (error) {
    throw new CliUserError(`--rules ${file}: the module failed to load: ${(error as Error).message.split('\n')[0]}`)
  }
  const rules = mod.rules ?? mod.default
  if (!Array.isArray(rules)) {
    throw new CliUserError(
      `--rules ${file}: the module exports no \`rules\` array; export const rules = [defineRule(...)].`,
    )
  }
  rules.forEach((rule: Partial<CustomRule>, i) => {
    const complete =
      typeof rule?.id === 'string' &&
      severities.has(rule.severity as string) &&
      typeof rule.message === 'function' &&
      typeof rule.check === 'function'
    if (!complete) {
      throw new CliUserError(
        `--rules ${file}: rules[${i}] needs an id, a severity (breaking, warning or info), a message and a check function.`,
      )
    }
  })
  return rules as CustomRule[]
}
