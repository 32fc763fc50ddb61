import type { Finding } from '../diff/finding.ts'
import type { Severity } from '../rules/rule.ts'
import { placeOf, summarize, usedInText } from './summary.ts'

/** Options of {@link formatText}. */
export interface TextOptions {
  /** Use ANSI colours (the CLI sets this when stdout is a TTY and NO_COLOR is unset). */
  color?: boolean
  /** Also list `info` findings (hidden by default to keep the output short). */
  showInfo?: boolean
}

const colors: Record<Severity, string> = { breaking: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m' }
const dim = '\u001b[2m'
const reset = '\u001b[0m'

/**
 * Formats findings for a terminal: one block per finding, then a summary line.
 *
 * @example
 * process.stdout.write(formatText(findings, { color: process.stdout.isTTY }))
 */
export function formatText(findings: readonly Finding[], options: TextOptions = {}): string {
  const paint = (code: string, text: string) => (options.color === true ? `${code}${text}${reset}` : text)
  const lines: string[] = []
  for (const finding of findings) {
    if (finding.severity === 'info' && options.showInfo !== true) continue
    const tag = paint(colors[finding.severity], finding.severity.padEnd(8))
    lines.push(`${tag} ${placeOf(finding.location)}  ${paint(dim, finding.rule)}`)
    lines.push(`         ${finding.message}`)
    const used = usedInText(finding)
    if (used !== undefined) lines.push(`         used in: ${used}`)
    lines.push(paint(dim, `         at ${finding.location.pointer}`))
  }
  const hidden = options.showInfo === true ? 0 : findings.filter((f) => f.severity === 'info').length
  const tail = hidden > 0 ? ' (info findings hidden; use --format json or markdown to see them)' : ''
  lines.push(`${findings.length === 0 ? 'No changes found.' : summarize(findings)}${tail}`)
  return `${lines.join('\n')}\n`
}
