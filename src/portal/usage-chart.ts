import { html, type SafeHtml } from './html.ts'
import type { UsageVersion } from './usage-report.ts'

const WIDTH = 860
const HEIGHT = 240
const LEFT = 48
const BOTTOM = 24
const COLORS = ['#2457c5', '#e0a526', '#2f9e66', '#c2423a', '#7b4bc4', '#1a9bb0', '#8a6d3b', '#d4568f']

/** The color of a series, the same in the chart and its legend. */
export const seriesColor = (index: number): string => COLORS[index % COLORS.length] ?? '#2457c5'

/** A series' name: the version, after its scope when it has one. */
export const seriesName = (s: UsageVersion): string => {
  const version = s.version ?? 'no version'
  return s.scope === null ? version : `${s.scope} ${version}`
}

const _points = (s: UsageVersion) => (s.traffic ?? []).map((b) => ({ at: b.start, requests: b.requests }))

/**
 * Requests per version over time as an inline SVG line chart, one line per version.
 *
 * @example
 * trafficChart(report.versions)
 */
export function trafficChart(versions: readonly UsageVersion[]): SafeHtml {
  const series = versions.filter((v) => (v.traffic ?? []).length > 0)
  const times = series.flatMap((s) => _points(s).map((p) => Date.parse(p.at))).filter((t) => !Number.isNaN(t))
  if (times.length === 0) return html`<p class="muted">No traffic recorded yet.</p>`
  const start = Math.min(...times)
  const end = Math.max(start + 60_000, ...times)
  const top = Math.max(1, ...series.flatMap((s) => _points(s).map((p) => p.requests)))
  const x = (t: number) => LEFT + ((t - start) / (end - start)) * (WIDTH - LEFT - 10)
  const y = (n: number) => HEIGHT - BOTTOM - (n / top) * (HEIGHT - BOTTOM - 10)
  const lines = series.map((s, i) => {
    const points = _points(s)
      .filter((p) => !Number.isNaN(Date.parse(p.at)))
      .map((p) => `${x(Date.parse(p.at)).toFixed(1)},${y(p.requests).toFixed(1)}`)
      .join(' ')
    return html`<polyline class="series" data-version="${s.version ?? ''}" stroke="${seriesColor(i)}" points="${points}"><title>${seriesName(s)}</title></polyline>`
  })
  const ticks = [0, 0.5, 1].map((f) => Math.round(top * f))
  const day = (t: number) => new Date(t).toISOString().slice(0, 16).replace('T', ' ')
  return html`<svg class="traffic" role="img" aria-label="Requests per version over time" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<g class="axis">${ticks.map((n) => html`<line x1="${LEFT}" x2="${WIDTH - 10}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}"/><text x="4" y="${(y(n) + 4).toFixed(1)}">${n}</text>`)}
<text x="${LEFT}" y="${HEIGHT - 6}">${day(start)}</text><text x="${WIDTH - 120}" y="${HEIGHT - 6}">${day(end)}</text></g>
${lines}
</svg>
<p class="legend">${series.map((s, i) => html`<span><span class="swatch" style="background:${seriesColor(i)}"></span>${seriesName(s)}</span>`)}</p>`
}
