import { readFileSync } from 'node:fs'
import { rules } from '../rules/catalogue.ts'
import type { Policy, RuleSetting } from './policy.ts'
import { policyPresets, strictPolicy } from './presets.ts'

/** A policy name or config file that cannot be used; the message names the file and the key. */
export class PolicyConfigError extends Error {
  override readonly name = 'PolicyConfigError'
}

/**
 * Tells whether a value is a {@link PolicyConfigError}.
 *
 * @example
 * if (isPolicyConfigError(err)) console.error(err.message)
 */
export function isPolicyConfigError(value: unknown): value is PolicyConfigError {
  return value instanceof PolicyConfigError
}

/**
 * Finds a preset by name.
 *
 * @example
 * const policy = policyByName('confluent')
 */
export function policyByName(name: string): Policy {
  const policy = policyPresets.get(name)
  if (policy === undefined) {
    throw new PolicyConfigError(`unknown policy "${name}"; choose one of: ${[...policyPresets.keys()].join(', ')}`)
  }
  return policy
}

const settings = new Set<RuleSetting>(['breaking', 'warning', 'info', 'off'])

/**
 * Applies a JSON config (`{ "extends"?, "rules"?: { id: severity | "off" }, "deprecationNoticeDays"?,
 * "exemptStabilityLevels"? }`) on top of a policy. Unknown rule ids are rejected so typos surface.
 *
 * @example
 * const policy = applyPolicyConfig(strictPolicy, { rules: { 'response-enum-value-added': 'warning' } }, 'strata.json')
 */
export function applyPolicyConfig(
  base: Policy,
  config: unknown,
  file: string,
  customRuleIds: ReadonlySet<string> = new Set(),
): Policy {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new PolicyConfigError(`${file}: expected a JSON object`)
  }
  const c = config as Record<string, unknown>
  const known = new Set(['extends', 'rules', 'deprecationNoticeDays', 'exemptStabilityLevels', '$schema'])
  for (const key of Object.keys(c)) {
    if (!known.has(key)) throw new PolicyConfigError(`${file}: unknown key "${key}"; expected ${[...known].join(', ')}`)
  }
  const start = typeof c.extends === 'string' ? policyByName(c.extends) : base
  const severities: Record<string, RuleSetting> = { ...start.severities }
  if (c.rules !== undefined) {
    if (typeof c.rules !== 'object' || c.rules === null || Array.isArray(c.rules)) {
      throw new PolicyConfigError(`${file}: "rules" must map rule ids to breaking, warning, info or off`)
    }
    for (const [id, value] of Object.entries(c.rules)) {
      if (!rules.has(id) && !customRuleIds.has(id))
        throw new PolicyConfigError(`${file}: unknown rule id "${id}" at /rules/${id}`)
      if (!settings.has(value as RuleSetting)) {
        throw new PolicyConfigError(
          `${file}: /rules/${id} must be breaking, warning, info or off, not ${JSON.stringify(value)}`,
        )
      }
      severities[id] = value as RuleSetting
    }
  }
  const days = c.deprecationNoticeDays
  if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 0)) {
    throw new PolicyConfigError(`${file}: /deprecationNoticeDays must be a whole number of days`)
  }
  const levels = c.exemptStabilityLevels
  if (levels !== undefined && (!Array.isArray(levels) || !levels.every((l) => typeof l === 'string'))) {
    throw new PolicyConfigError(`${file}: /exemptStabilityLevels must be a list of strings`)
  }
  return {
    name: `${start.name}+${file}`,
    description: start.description,
    severities,
    deprecationNoticeDays: days ?? start.deprecationNoticeDays,
    exemptStabilityLevels: (levels as string[] | undefined) ?? start.exemptStabilityLevels,
    ...(start.promises !== undefined ? { promises: start.promises } : {}),
  }
}

/**
 * Reads a JSON policy config file and applies it on top of a policy.
 *
 * @example
 * const policy = loadPolicyConfig('strata-diff.json', strictPolicy)
 */
export function loadPolicyConfig(
  file: string,
  base: Policy = strictPolicy,
  customRuleIds: ReadonlySet<string> = new Set(),
): Policy {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new PolicyConfigError(`${file}: file not found or unreadable`)
  }
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch (error) {
    throw new PolicyConfigError(`${file}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return applyPolicyConfig(base, config, file, customRuleIds)
}
