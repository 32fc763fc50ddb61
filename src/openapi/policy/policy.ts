import type { Severity } from '../rules/rule.ts'

/** A severity, or `off` to drop a rule's findings. */
export type RuleSetting = Severity | 'off'

/** How the checker classifies changes: severities per rule id plus lifecycle settings. */
export interface Policy {
  /** The preset name, e.g. `strict` or `confluent`. */
  readonly name: string
  /** One sentence saying what the policy promises customers. */
  readonly description: string
  /** Overrides of the rules' default severities, by rule id. */
  readonly severities: Readonly<Record<string, RuleSetting>>
  /** The minimum days between a new deprecation and its `x-sunset` (0: no minimum). */
  readonly deprecationNoticeDays: number
  /**
   * `x-stability-level` values whose operations may change freely: their breaking findings are
   * reported as `info`.
   */
  readonly exemptStabilityLevels: readonly string[]
}

/**
 * The severity a policy gives a rule, or `off`.
 *
 * @example
 * severityFor(strictPolicy, 'operation-removed', 'breaking') // 'breaking'
 */
export function severityFor(policy: Policy, ruleId: string, fallback: Severity): RuleSetting {
  return policy.severities[ruleId] ?? fallback
}
