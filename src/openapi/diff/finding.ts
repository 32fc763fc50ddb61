import type { Severity } from '../rules/rule.ts'

/** Where a finding is: the operation (when there is one) and a JSON pointer into the document. */
export interface FindingLocation {
  /** The path template as the new document writes it (the old one when the path was removed). */
  path?: string
  /** The HTTP method in upper case, or `WEBHOOK` for webhooks. */
  method?: string
  /** A JSON pointer with a leading `#` into the new document, or the old one for removals. */
  pointer: string
}

/**
 * One difference between two OpenAPI documents, classified by a rule. Findings are data: report
 * formatters turn them into text, markdown, JSON or CI annotations.
 */
export interface Finding {
  /** The id of the rule that classified the change, e.g. `response-property-removed`. */
  rule: string
  severity: Severity
  location: FindingLocation
  /** A sentence a customer understands. */
  message: string
  /**
   * For a change inside a shared component schema: every place the component is used. The change is
   * reported once, with its `location` at the first use.
   */
  usedIn?: FindingLocation[]
}

/** Counts findings per severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity]++
  return counts
}
