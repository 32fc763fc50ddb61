import { countBySeverity, type Finding } from '../diff/finding.ts'

/**
 * Formats findings as JSON: `{ summary: { breaking, warning, info }, findings: [...] }`.
 *
 * @example
 * const report = JSON.parse(formatJson(findings))
 */
export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ summary: countBySeverity(findings), findings }, null, 2)}\n`
}
