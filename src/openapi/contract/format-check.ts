import { formatGithub } from '../report/format-github.ts'
import { formatMarkdown } from '../report/format-markdown.ts'
import { formatText } from '../report/format-text.ts'
import type { CheckVerdict, VersionCheck } from './check-contracts.ts'
import { checkFailed } from './check-contracts.ts'

/** The report formats of `strata check`, the same as `strata diff`'s. */
export type CheckFormat = 'text' | 'markdown' | 'json' | 'github'

const explain: Record<CheckVerdict, string> = {
  unchanged: 'unchanged',
  compatible: 'compatible changes only',
  'changed-freely': 'changed (allowed: early access or preview)',
  breaking: 'BREAKING changes in a published version',
  added: 'new version (no snapshot yet)',
  retired: 'sunset has passed; the snapshot may be deleted',
  withdrawn: 'withdrawn for security; the snapshot may be deleted',
  removed: 'REMOVED before its sunset',
}

/**
 * One line counting versions per verdict.
 *
 * @example
 * summarizeChecks(checks) // '4 versions: 3 unchanged, 1 breaking — check failed'
 */
export function summarizeChecks(checks: readonly VersionCheck[]): string {
  const counts = new Map<CheckVerdict, number>()
  for (const c of checks) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1)
  const parts = [...counts].map(([verdict, n]) => `${n} ${verdict}`)
  const total = `${checks.length} version${checks.length === 1 ? '' : 's'}`
  return `${total}: ${parts.join(', ') || 'none'}${checkFailed(checks) ? ' — check failed' : ''}`
}

/**
 * Formats the outcome of `checkContracts`: one block per version with its findings, in the
 * formats of `strata diff` (text, markdown for PR comments, JSON, GitHub Actions annotations).
 *
 * @example
 * process.stdout.write(formatCheck(checks, 'markdown', { contractsDir: 'contracts' }))
 */
export function formatCheck(
  checks: readonly VersionCheck[],
  format: CheckFormat,
  options: { color?: boolean; showInfo?: boolean; contractsDir?: string } = {},
): string {
  const where = (c: VersionCheck) => (options.contractsDir === undefined ? c.file : `${options.contractsDir}/${c.file}`)
  if (format === 'json') {
    const versions = checks.map((c) => ({ ...c, scope: c.scope ?? null, file: where(c) }))
    return `${JSON.stringify({ failed: checkFailed(checks), summary: summarizeChecks(checks), versions }, null, 2)}\n`
  }
  const out: string[] = []
  if (format === 'markdown') {
    out.push('## API contracts', '', '| Version | Phase | Result |', '| --- | --- | --- |')
    for (const c of checks)
      out.push(`| \`${where(c)}\` | ${c.phase ?? ''} | ${explain[c.verdict]}${c.reason ? `: ${c.reason}` : ''} |`)
    out.push('', `**${summarizeChecks(checks)}**`)
    for (const c of checks.filter((x) => x.findings.length > 0)) {
      out.push(
        '',
        formatMarkdown(c.findings)
          .replaceAll('\n### ', '\n#### ')
          .replace('## API compatibility', `### ${where(c)}`)
          .trimEnd(),
      )
    }
    return `${out.join('\n')}\n`
  }
  for (const c of checks) {
    if (format === 'github') {
      if (c.findings.length === 0) continue
      const lines = formatGithub(c.findings, where(c)).trimEnd().split('\n')
      out.push(...lines.slice(0, -1))
      continue
    }
    const reason = c.reason === undefined ? '' : `: ${c.reason}`
    out.push(`${where(c)}  ${c.phase === undefined ? '' : `(${c.phase}) `}${explain[c.verdict]}${reason}`)
    if (c.findings.length > 0) {
      const body = formatText(c.findings, { color: options.color === true, showInfo: options.showInfo === true })
      out.push(
        ...body
          .trimEnd()
          .split('\n')
          .map((line) => `  ${line}`),
      )
    }
  }
  out.push(summarizeChecks(checks))
  return `${out.join('\n')}\n`
}
