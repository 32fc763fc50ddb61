import { StrataError } from '../../error/index.ts'
import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { OpenApiDocument } from '../load/openapi-document.ts'
import { rules as builtIn } from '../rules/catalogue.ts'
import type { Rule, RuleMessageInput } from '../rules/rule.ts'
import type { DiffRun } from './diff-run.ts'
import type { FindingLocation } from './finding.ts'

/** One operation (or webhook) found on both sides, paired as the built-in rules pair them. */
export interface MatchedOperation {
  readonly webhook: boolean
  /** Upper case, e.g. `GET`. */
  readonly method: string
  /** The path template (webhook name) as each side writes it. */
  readonly oldPath: string
  readonly newPath: string
  /** The operation objects, `$ref`s not yet followed (use `context.resolve`). */
  readonly old: JsonObject
  readonly new: JsonObject
}

/** What a custom rule's `check` sees of one comparison. */
export interface RuleContext {
  readonly oldDoc: OpenApiDocument
  readonly newDoc: OpenApiDocument
  readonly operations: readonly MatchedOperation[]
  /** Follows `$ref`s on one side to the node they designate. */
  resolve(side: 'old' | 'new', node: unknown): unknown
  /** Records a finding of this rule; the policy decides its severity (the rule's own by default, or `off`). */
  report(input: RuleMessageInput, location: FindingLocation): void
}

/** A compatibility rule of your own: a {@link Rule} plus the check that finds its changes. */
export interface CustomRule extends Rule {
  readonly check: (context: RuleContext) => void
}

/** Refuses custom rules whose id is taken by a built-in rule or by another custom rule. */
export function checkCustomRules(custom: readonly CustomRule[]): void {
  const seen = new Set<string>()
  for (const rule of custom) {
    if (builtIn.has(rule.id) || seen.has(rule.id)) {
      throw new StrataError(
        'STRATA_ERR_RULE_INVALID_ID',
        `Rule id "${rule.id}" is already taken by ${builtIn.has(rule.id) ? 'a built-in rule' : 'another custom rule'}; choose another id.`,
      )
    }
    seen.add(rule.id)
  }
}

/** The operations paired on both sides, from the `onOperation` labels (`METHOD template`). */
export function matchedOperations(
  run: DiffRun,
  labels: readonly { webhook: boolean; old: string | undefined; new: string | undefined }[],
): MatchedOperation[] {
  const find = (side: 'old' | 'new', webhook: boolean, label: string) => {
    const space = label.indexOf(' ')
    const method = label.slice(0, space)
    const path = label.slice(space + 1)
    const root = (side === 'old' ? run.oldDoc : run.newDoc).root
    const section = webhook ? (isJsonObject(root.webhooks) ? root.webhooks : root['x-webhooks']) : root.paths
    const item = isJsonObject(section) ? run.object(side, section[path]) : undefined
    const operation = item?.[method.toLowerCase()]
    return { method, path, operation: isJsonObject(operation) ? operation : undefined }
  }
  const out: MatchedOperation[] = []
  for (const match of labels) {
    if (match.old === undefined || match.new === undefined) continue
    const before = find('old', match.webhook, match.old)
    const after = find('new', match.webhook, match.new)
    if (before.operation === undefined || after.operation === undefined) continue
    out.push({
      webhook: match.webhook,
      method: after.method,
      oldPath: before.path,
      newPath: after.path,
      old: before.operation,
      new: after.operation,
    })
  }
  return out
}

/** Runs each custom rule's check once over the comparison, its findings classified by the run's policy. */
export function runCustomRules(run: DiffRun, custom: readonly CustomRule[], operations: MatchedOperation[]): void {
  for (const rule of custom) {
    rule.check({
      oldDoc: run.oldDoc,
      newDoc: run.newDoc,
      operations,
      resolve: (side, node) => run.resolve(side, node).node,
      report: (input, location) => run.report(rule, input, location, undefined),
    })
  }
}
