import type { Severity } from '../rules/rule.ts'

/** A severity, or `off` to drop a rule's findings. */
export type RuleSetting = Severity | 'off'

/**
 * One item of a program's own list of breaking and non-breaking changes, in its words, tied to the
 * rules that detect it. A preset gives each of those rules the severity the item promises.
 */
export interface PolicyPromise {
  /** The item as the program's documentation states it. */
  readonly says: string
  /** Whether the program calls it breaking. */
  readonly breaking: boolean
  /** The rules that detect it; empty when the change is never reported at all. */
  readonly rules: readonly string[]
}

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
  /** The program's own list of breaking and non-breaking changes, when a preset encodes one. */
  readonly promises?: readonly PolicyPromise[]
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
