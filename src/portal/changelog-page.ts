import type { ChangelogEntry } from '../openapi/contract/index.ts'
import { placeOf, usedInText } from '../openapi/report/summary.ts'
import { html, prose, type SafeHtml } from './html.ts'
import { scopeSlug } from './version-overview.ts'

const HEADINGS = [
  ['breaking', 'Breaking for clients of'],
  ['warning', 'To review for clients of'],
  ['info', 'Compatible changes since'],
] as const

function _entry(e: ChangelogEntry, scoped: boolean): SafeHtml {
  const dates = [
    e.released && `released ${e.released}`,
    e.deprecated && `deprecated ${e.deprecated}`,
    e.sunset && `sunset ${e.sunset}`,
  ].filter(Boolean)
  const findings = HEADINGS.map(([severity, heading]) => {
    const group = e.findings.filter((f) => f.severity === severity)
    if (group.length === 0) return ''
    return html`<h4>${heading} ${e.previous} (${group.length})</h4><table class="findings"><thead><tr><th>Operation</th><th>Change</th></tr></thead><tbody>${group.map(
      (f) => {
        const used = usedInText(f, 5)
        return html`<tr><td><code>${placeOf(f.location)}</code></td><td>${prose(f.message)}${used ? ` Used in: ${used}.` : ''}</td></tr>`
      },
    )}</tbody></table>`
  })
  return html`<section class="changelog-entry" id="${scopeSlug(e.scope)}-${e.version}" data-version="${e.version}">
<h2>${scoped ? `${e.scope ?? 'API'}: ` : ''}${e.version} <span class="phase phase-${e.phase}">${e.phase}</span>${e.channel === 'beta' ? html` <span class="phase">beta channel</span>` : ''}</h2>
<p class="muted">${dates.join(' · ')}${e.docs && /^https?:\/\//i.test(e.docs) ? html` · <a href="${e.docs}" rel="noreferrer">Documentation</a>` : ''}</p>
${e.description !== undefined ? html`<p>${prose(e.description)}</p>` : ''}
${
  e.previous === undefined
    ? html`<p>The first version.</p>`
    : html`<h3>Changes since ${e.previous}</h3>${e.changes.length === 0 ? html`<p>No breaking changes declared.</p>` : html`<ul class="changes">${e.changes.map((c) => html`<li>${prose(c.description)} <code>${c.name}</code></li>`)}</ul>`}${findings}`
}
</section>`
}

/**
 * The changelog page: every released version, newest first, with the ledger's descriptions and
 * the checker's findings against the previous version (the entries `strata changelog` prints).
 *
 * @example
 * changelogBody(buildChangelog(source, { now }))
 */
export function changelogBody(entries: readonly ChangelogEntry[]): SafeHtml {
  const scoped = new Set(entries.map((e) => e.scope)).size > 1
  if (entries.length === 0) return html`<p>No released versions.</p>`
  return html`${entries.map((e) => _entry(e, scoped))}`
}
