import type { Finding } from '../diff/finding.ts'
import type { Severity } from '../rules/rule.ts'
import { placeOf, summarize, usedInText } from './summary.ts'

const commands: Record<Severity, string> = { breaking: 'error', warning: 'warning', info: 'notice' }

/**
 * Formats findings as GitHub Actions workflow commands (`::error file=...,title=...::message`), so
 * they show as annotations on the pull request. `file` is the new document's path.
 *
 * @example
 * process.stdout.write(formatGithub(findings, 'openapi/v2.yaml'))
 */
export function formatGithub(findings: readonly Finding[], file?: string): string {
  const lines: string[] = []
  for (const finding of findings) {
    const properties = [
      ...(file === undefined ? [] : [`file=${escapeProperty(file)}`]),
      `title=${escapeProperty(`${finding.rule} (${placeOf(finding.location)})`)}`,
    ]
    const used = usedInText(finding, 5)
    const message = `${finding.message}${used === undefined ? '' : ` Used in: ${used}.`} At ${finding.location.pointer}`
    lines.push(`::${commands[finding.severity]} ${properties.join(',')}::${escapeData(message)}`)
  }
  lines.push(findings.length === 0 ? 'No changes found.' : summarize(findings))
  return `${lines.join('\n')}\n`
}

// The escapes GitHub's workflow command parser expects.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}
