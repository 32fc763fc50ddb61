import { html, type SafeHtml } from './html.ts'
import { trafficChart } from './usage-chart.ts'
import type { UsageReport, UsageVersion } from './usage-report.ts'

const DAY = 86_400_000

/** Whole days from `now` until the sunset (negative once it has passed), or `undefined` without one. */
export function daysToSunset(sunset: string | null, now: Date): number | undefined {
  if (sunset === null) return undefined
  const at = Date.parse(sunset)
  return Number.isNaN(at) ? undefined : Math.ceil((at - now.getTime()) / DAY)
}

function _rows(v: UsageVersion, now: Date): SafeHtml[] {
  const days = daysToSunset(v.sunset, now)
  const left = days === undefined ? 'no sunset announced' : days <= 0 ? 'sunset passed' : `${days} days`
  return v.principals.map(
    (p) =>
      html`<tr data-principal="${p.principal}" data-version="${v.version ?? ''}"><td>${p.principal}</td><td>${v.scope === null ? '' : `${v.scope} `}${v.version ?? ''}</td><td><span class="phase phase-${v.phase ?? 'none'}">${v.phase ?? ''}</span></td><td>${v.sunset?.slice(0, 10) ?? ''}</td><td class="days-to-sunset">${left}</td><td>${p.requests}</td><td>${p.last_seen}</td><td>${p.endpoints.map((e) => html`<code>${e}</code> `)}</td></tr>`,
  )
}

/**
 * The usage page: requests per version over time, and every principal still calling a deprecated
 * (or sunsetting) version with the days left until its sunset.
 *
 * @example
 * usageBody(await report(), new Date())
 */
export function usageBody(report: UsageReport, now: Date, base: string): SafeHtml {
  const calling = report.versions.filter(
    (v) => (_announced(v.deprecated) || v.sunset !== null) && v.principals.length > 0,
  )
  const totals = report.versions.map(
    (v) =>
      html`<tr><td>${v.scope ?? ''}</td><td>${v.version ?? 'no version'}</td><td><span class="phase phase-${v.phase ?? 'none'}">${v.phase ?? ''}</span></td><td>${v.requests}</td><td>${v.principals.length}</td></tr>`,
  )
  return html`<h2>Traffic per version</h2>
${trafficChart(report.versions)}
<table class="totals"><thead><tr><th>Scope</th><th>Version</th><th>Phase</th><th>Requests</th><th>Principals</th></tr></thead><tbody>${totals}</tbody></table>
<h2>Still calling deprecated versions</h2>
${
  calling.length === 0
    ? html`<p class="muted">Nobody called a deprecated version in this period.</p>`
    : html`<table class="still-calling"><thead><tr><th>Principal</th><th>Version</th><th>Phase</th><th>Sunset</th><th>Days to sunset</th><th>Requests</th><th>Last seen</th><th>Endpoints</th></tr></thead><tbody>${calling.flatMap((v) => _rows(v, now))}</tbody></table>`
}
<p class="muted">The same report as JSON: <a href="${base}/usage.json">usage.json</a> (admin only).</p>`
}

// `strata/usage` reports the deprecation date; a boolean is accepted too.
const _announced = (deprecated: string | boolean | null): boolean => deprecated !== null && deprecated !== false
