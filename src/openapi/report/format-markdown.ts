import type { Finding } from '../diff/finding.ts'
import type { Severity } from '../rules/rule.ts'
import { placeOf, summarize, usedInText } from './summary.ts'

const headings: Record<Severity, string> = {
  breaking: 'Breaking changes',
  warning: 'Changes to review',
  info: 'Other changes',
}

/**
 * Formats findings as markdown for a pull-request comment: a summary, then a table per severity.
 *
 * @example
 * await writeFile('diff.md', formatMarkdown(findings))
 */
export function formatMarkdown(findings: readonly Finding[]): string {
  const out = ['## API compatibility', '', findings.length === 0 ? 'No changes found.' : `**${summarize(findings)}**`]
  for (const severity of ['breaking', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity)
    if (group.length === 0) continue
    out.push(
      '',
      `### ${headings[severity]} (${group.length})`,
      '',
      '| Operation | Change | Rule |',
      '| --- | --- | --- |',
    )
    for (const finding of group) {
      const used = usedInText(finding, 5)
      const message = used === undefined ? finding.message : `${finding.message} Used in: ${used}.`
      out.push(`| ${cell(placeOf(finding.location))} | ${cell(message)} | \`${finding.rule}\` |`)
    }
  }
  return `${out.join('\n')}\n`
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
