import { html, prose, type SafeHtml } from './html.ts'
import { timelineChart } from './timeline-chart.ts'
import type { ScopeView } from './version-overview.ts'

const _date = (d: Date | undefined): string => (d === undefined ? '' : d.toISOString().slice(0, 10))

function _scopeSection(base: string, scope: ScopeView, now: Date, published: ReadonlySet<string>): SafeHtml {
  const rows = scope.versions.map(
    (v) =>
      html`<tr data-version="${v.label}"><td>${published.has(`${scope.slug}/${v.label}`) ? html`<a href="${base}/reference/${scope.slug}/${encodeURIComponent(v.label)}">${v.label}</a>` : v.label}${v.label === scope.defaultLabel ? html` <span class="phase">default</span>` : ''}</td>
<td><span class="phase phase-${v.phase}">${v.phase}</span></td><td>${v.version.channel}</td><td>${_date(v.version.released)}</td><td>${_date(v.version.deprecated)}</td><td>${_date(v.version.sunset)}</td><td>${prose(v.version.description ?? '')}</td></tr>`,
  )
  return html`<section class="scope" id="scope-${scope.slug}" data-scope="${scope.slug}">
<h2>${scope.title}</h2>
${timelineChart(scope.versions, now, scope.title)}
<p class="legend"><span><span class="swatch phase-released-swatch" style="background:#2f9e66"></span>released</span><span><span class="swatch" style="background:#e0a526"></span>deprecated</span><span><span class="swatch" style="background:#c2423a"></span>sunset</span></p>
<p>Default version: <strong class="default-version">${scope.defaultLabel ?? 'none (a version must be named)'}</strong></p>
<h3>How to request a version</h3>
<ul class="how-to">${scope.howTo.map((line) => html`<li>${line}</li>`)}</ul>
<table class="versions"><thead><tr><th>Version</th><th>Phase</th><th>Channel</th><th>Released</th><th>Deprecated</th><th>Sunset</th><th>Description</th></tr></thead>
<tbody>${rows}</tbody></table>
</section>`
}

/**
 * The portal's front page: per scope, the lifecycle timeline with today marked, the default
 * version, how to request a version, and the versions' dates.
 *
 * @example
 * overviewBody('/docs', describeScopes(source, now), now, new Set(['api/20240601']))
 */
export function overviewBody(
  base: string,
  scopes: readonly ScopeView[],
  now: Date,
  published: ReadonlySet<string>,
): SafeHtml {
  return html`<p class="muted">Versions as of <time class="today-date" datetime="${now.toISOString()}">${_date(now)}</time>. Each row is one version: green while it is served, amber once deprecated, red after its sunset, when requests for it are refused.</p>
${scopes.map((s) => _scopeSection(base, s, now, published))}`
}
