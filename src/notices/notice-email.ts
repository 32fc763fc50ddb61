import type { PlannedNotice, PlannedVersion } from './plan-notices.ts'

/** What one release between a principal's version and its successor changed, from the changelog. */
export interface ChangelogItem {
  readonly version: string
  readonly description?: string
  readonly changes: readonly { readonly name: string; readonly description: string }[]
}

/** One deprecated version an email is about. */
export interface NoticeTopic {
  readonly version: PlannedVersion
  /** The milestone this email is sent for. */
  readonly notice: PlannedNotice
  /** The releases from the principal's version (exclusive) to the successor (inclusive). */
  readonly changelog: readonly ChangelogItem[]
  readonly migrationLink?: string
}

/** The content of one notice email. */
export interface NoticeEmail {
  readonly subject: string
  readonly text: string
  readonly html: string
}

const DAY = 86_400_000
const label = (scope: string | undefined, version: string) =>
  scope === undefined ? `version ${version}` : `${scope} ${version}`
const daysLeft = (sunset: string, now: Date) =>
  Math.max(0, Math.ceil((Date.parse(`${sunset}T00:00:00Z`) - now.getTime()) / DAY))
const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

function _subject(topics: readonly NoticeTopic[], now: Date): string {
  const [first] = topics
  if (topics.length === 1 && first !== undefined) {
    const { version: v, notice } = first
    const name = label(v.scope, v.version)
    if (v.sunset === undefined) return `Deprecation notice: ${name} is deprecated`
    if (notice.milestone === 'deprecation')
      return `Deprecation notice: ${name} is deprecated and will be sunset on ${v.sunset}`
    return `Reminder: ${name} will be sunset in ${daysLeft(v.sunset, now)} days, on ${v.sunset}`
  }
  const sunsets = topics.flatMap((t) => (t.version.sunset === undefined ? [] : [t.version.sunset])).sort()
  const when = sunsets[0] === undefined ? '' : ` (the first on ${sunsets[0]})`
  return `Deprecation notice: ${topics.length} API versions you call are deprecated${when}`
}

function _dates(v: PlannedVersion, now: Date): string[] {
  return [
    `Deprecated since: ${v.deprecated}`,
    v.sunset === undefined
      ? 'Sunset: not scheduled yet'
      : `Sunset: ${v.sunset} (${daysLeft(v.sunset, now)} days from now); requests to it are refused after that day`,
    v.successor === undefined ? undefined : `Move to: ${label(v.scope, v.successor)}`,
  ].filter((line): line is string => line !== undefined)
}

function _textTopic(t: NoticeTopic, now: Date): string[] {
  const v = t.version
  const lines = [label(v.scope, v.version), ..._dates(v, now).map((d) => `  ${d}`)]
  if (v.endpoints.length > 0) {
    lines.push(`  Endpoints you still call${v.lastSeen ? ` (last seen ${v.lastSeen})` : ''}:`)
    for (const e of v.endpoints) lines.push(`    - ${e}`)
  }
  if (t.changelog.length > 0) {
    lines.push(`  What changed between ${v.version} and ${v.successor ?? 'the newest version'}:`)
    for (const item of t.changelog) {
      lines.push(`    ${item.version}${item.description ? `: ${item.description}` : ''}`)
      for (const c of item.changes) lines.push(`      - ${c.description}`)
    }
  }
  if (t.migrationLink !== undefined) lines.push(`  Migration guide: ${t.migrationLink}`)
  return lines
}

function _htmlTopic(t: NoticeTopic, now: Date): string {
  const v = t.version
  const parts = [`<h2>${escapeHtml(label(v.scope, v.version))}</h2>`, '<ul>']
  for (const d of _dates(v, now)) parts.push(`<li>${escapeHtml(d)}</li>`)
  parts.push('</ul>')
  if (v.endpoints.length > 0) {
    parts.push(`<p>Endpoints you still call${v.lastSeen ? ` (last seen ${escapeHtml(v.lastSeen)})` : ''}:</p><ul>`)
    for (const e of v.endpoints) parts.push(`<li><code>${escapeHtml(e)}</code></li>`)
    parts.push('</ul>')
  }
  if (t.changelog.length > 0) {
    parts.push(
      `<p>What changed between ${escapeHtml(v.version)} and ${escapeHtml(v.successor ?? 'the newest version')}:</p>`,
    )
    for (const item of t.changelog) {
      parts.push(`<h3>${escapeHtml(item.version)}</h3>`)
      if (item.description) parts.push(`<p>${escapeHtml(item.description)}</p>`)
      if (item.changes.length > 0)
        parts.push(`<ul>${item.changes.map((c) => `<li>${escapeHtml(c.description)}</li>`).join('')}</ul>`)
    }
  }
  if (t.migrationLink !== undefined) {
    parts.push(`<p>Migration guide: <a href="${escapeHtml(t.migrationLink)}">${escapeHtml(t.migrationLink)}</a></p>`)
  }
  return parts.join('\n')
}

/**
 * Renders the one email a principal gets: subject, plain text and HTML naming each deprecated
 * version it still calls, the endpoints, the dates, what changed up to the successor and where
 * the migration guide is.
 *
 * @example
 * const { subject, text, html } = renderNoticeEmail('sa-123', topics, new Date())
 */
export function renderNoticeEmail(principal: string, topics: readonly NoticeTopic[], now: Date): NoticeEmail {
  const intro = `Hello,\n\nthe API client ${principal} still calls ${topics.length === 1 ? 'a version' : 'versions'} of our API that ${topics.length === 1 ? 'is' : 'are'} going away.`
  const outro = 'Move to the newer version before the sunset date to keep your integration working.'
  const text = [intro, ...topics.map((t) => _textTopic(t, now).join('\n')), outro].join('\n\n')
  const html = [
    '<!doctype html><html><body>',
    `<p>Hello,</p><p>the API client <strong>${escapeHtml(principal)}</strong> still calls ${topics.length === 1 ? 'a version' : 'versions'} of our API that ${topics.length === 1 ? 'is' : 'are'} going away.</p>`,
    ...topics.map((t) => _htmlTopic(t, now)),
    `<p>${escapeHtml(outro)}</p>`,
    '</body></html>',
  ].join('\n')
  return { subject: _subject(topics, now), text: `${text}\n`, html: `${html}\n` }
}
