import { placeOf, usedInText } from '../report/summary.ts'
import type { ChangelogEntry } from './changelog.ts'

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ')

/**
 * Formats a changelog as markdown: one section per version, newest first, with the ledger's
 * descriptions and the checker's breaking and other findings.
 *
 * @example
 * process.stdout.write(formatChangelogMarkdown(buildChangelog(source, { now })))
 */
export function formatChangelogMarkdown(entries: readonly ChangelogEntry[]): string {
  const scoped = new Set(entries.map((e) => e.scope)).size > 1
  const out = ['# API changelog']
  for (const e of entries) {
    const title = `${scoped ? `${e.scope ?? 'API'}: ` : ''}${e.version}${e.released ? ` (${e.released})` : ''}`
    const dates = [
      e.phase,
      e.channel === 'beta' ? 'beta channel' : undefined,
      e.deprecated &&
        `${e.phase === 'ga' || e.phase.startsWith('pre') ? 'deprecation announced for' : 'deprecated since'} ${e.deprecated}`,
      e.sunset && `sunset ${e.sunset}`,
    ].filter(Boolean)
    out.push('', `## ${title}`, '', `*${dates.join(' · ')}*${e.docs ? ` · [Documentation](${e.docs})` : ''}`)
    if (e.description !== undefined) out.push('', e.description)
    for (const w of e.withdrawn ?? [])
      out.push('', `**Withdrawn for security**${w.endpoint ? ` (\`${w.endpoint}\`)` : ''}: ${w.reason}`)
    if (e.previous === undefined) {
      out.push('', 'The first version.')
      continue
    }
    out.push('', `### Changes since ${e.previous}`, '')
    if (e.changes.length === 0) out.push('No breaking changes declared.')
    for (const c of e.changes) out.push(`- ${c.description} (\`${c.name}\`)`)
    for (const [severity, heading] of [
      ['breaking', 'Breaking for clients of'],
      ['warning', 'To review for clients of'],
      ['info', 'Compatible changes since'],
    ] as const) {
      const group = e.findings.filter((f) => f.severity === severity)
      if (group.length === 0) continue
      out.push('', `#### ${heading} ${e.previous} (${group.length})`, '', '| Operation | Change |', '| --- | --- |')
      for (const f of group) {
        const used = usedInText(f, 5)
        out.push(`| ${cell(placeOf(f.location))} | ${cell(used ? `${f.message} Used in: ${used}.` : f.message)} |`)
      }
    }
  }
  return `${out.join('\n')}\n`
}

/**
 * Formats a changelog as JSON: `{ versions: [...] }`, newest first.
 *
 * @example
 * const { versions } = JSON.parse(formatChangelogJson(entries))
 */
export function formatChangelogJson(entries: readonly ChangelogEntry[]): string {
  return `${JSON.stringify({ versions: entries.map((e) => ({ ...e, scope: e.scope ?? null })) }, null, 2)}\n`
}
