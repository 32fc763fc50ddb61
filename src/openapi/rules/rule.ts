import { StrataError } from '../../error/index.ts'
/** How serious a finding is: `breaking` fails the check, `warning` needs a look, `info` is news. */
export type Severity = 'breaking' | 'warning' | 'info'

/** The facts a rule's message is built from; the diff engine fills them in. */
export interface RuleMessageInput {
  /** What changed, already formatted, e.g. "request property `name` (schema `Pet`)". */
  subject: string
  /** The old value, formatted, when the change has one. */
  from?: string
  /** The new value, formatted, when the change has one. */
  to?: string
  /** Extra words appended to the message, e.g. the keyword that changed. */
  detail?: string
}

/** One compatibility rule: a stable id, a default severity, and how to explain a finding to a customer. */
export interface Rule {
  /** A stable kebab-case id; policies and config files refer to rules by it. */
  readonly id: string
  readonly severity: Severity
  /** What the rule detects, one line, for `docs/rules.md`. */
  readonly summary: string
  /** A one-line before -> after example, for `docs/rules.md`. */
  readonly example: string
  readonly message: (input: RuleMessageInput) => string
}

/**
 * Declares a compatibility rule.
 *
 * @example
 * export const operationRemoved = defineRule({
 *   id: 'operation-removed', severity: 'breaking', summary: 'An operation was removed.',
 *   example: '`DELETE /pets/{id}` -> (gone)', message: ({ subject }) => `${subject} was removed.`,
 * })
 */
export function defineRule<R extends Rule>(rule: R): R {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.id))
    throw new StrataError('STRATA_ERR_RULE_INVALID_ID', `Rule id "${rule.id}" must be kebab-case.`)
  return Object.freeze(rule)
}

/** Formats a value for a message: strings in backticks, everything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)'
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``
}

/** Appends `from -> to` to a message when both sides are known. */
export function fromTo(input: RuleMessageInput): string {
  return input.from !== undefined && input.to !== undefined ? ` from ${input.from} to ${input.to}` : ''
}
