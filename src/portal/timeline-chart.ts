import { html, type SafeHtml } from './html.ts'
import type { VersionView } from './version-overview.ts'

const DAY = 86_400_000
const ROW = 28
const LABEL_WIDTH = 150
const WIDTH = 860
const AXIS = 24

/** One drawn stretch of a version's life. */
interface _Segment {
  readonly phase: 'released' | 'deprecated' | 'sunset'
  readonly from: number
  readonly to: number
}

const _day = (t: number): string => new Date(t).toISOString().slice(0, 10)

function _segments(v: VersionView, start: number, end: number): _Segment[] {
  const { released, deprecated, sunset } = v.version
  const marks: [_Segment['phase'], number | undefined][] = [
    ['released', released?.getTime() ?? start],
    ['deprecated', deprecated?.getTime()],
    ['sunset', sunset?.getTime()],
  ]
  const known = marks.filter((m): m is [_Segment['phase'], number] => m[1] !== undefined)
  return known.map(([phase, from], i) => ({ phase, from, to: known[i + 1]?.[1] ?? end }))
}

/** The time axis: every known date of the scope and a year either side of today. */
function _range(versions: readonly VersionView[], now: number): [number, number] {
  const dates = versions.flatMap((v) =>
    [v.version.released, v.version.deprecated, v.version.sunset].flatMap((d) => (d ? [d.getTime()] : [])),
  )
  const start = Math.min(now - 365 * DAY, ...dates)
  const end = Math.max(now + 365 * DAY, ...dates.map((d) => d + 90 * DAY))
  return [start, end]
}

/**
 * The lifecycle timeline of one scope as inline SVG: a row per version with its released,
 * deprecated and sunset stretches, and a line at `now`.
 *
 * @example
 * timelineChart(scope.versions, new Date('2026-12-05'))
 */
export function timelineChart(versions: readonly VersionView[], now: Date, title: string): SafeHtml {
  const t = now.getTime()
  const [start, end] = _range(versions, t)
  const x = (time: number) => LABEL_WIDTH + ((time - start) / (end - start)) * (WIDTH - LABEL_WIDTH - 10)
  const height = AXIS + versions.length * ROW + 16
  const years: number[] = []
  for (let y = new Date(start).getUTCFullYear() + 1; Date.UTC(y, 0, 1) < end; y++) years.push(Date.UTC(y, 0, 1))
  const rows = versions.map((v, i) => {
    const y = AXIS + i * ROW
    const segments = _segments(v, start, end).map(
      (s) =>
        html`<rect class="phase-${s.phase}" data-phase="${s.phase}" x="${x(s.from).toFixed(1)}" y="${y + 4}" width="${Math.max(1, x(s.to) - x(s.from)).toFixed(1)}" height="${ROW - 10}" rx="3"><title>${v.label}: ${s.phase} from ${_day(s.from)}</title></rect>`,
    )
    return html`<g class="version-row" data-version="${v.label}" data-phase-now="${v.phase}"><text class="version-label" x="4" y="${y + ROW / 2 + 3}">${v.label} · ${v.phase}</text>${segments}</g>`
  })
  return html`<svg class="timeline" role="img" aria-label="Lifecycle of the versions of ${title}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">
${years.map((y) => html`<g class="axis"><line x1="${x(y).toFixed(1)}" y1="${AXIS - 6}" x2="${x(y).toFixed(1)}" y2="${height}"/><text x="${(x(y) + 3).toFixed(1)}" y="${AXIS - 10}">${new Date(y).getUTCFullYear()}</text></g>`)}
${rows}
<g class="today" data-today="${_day(t)}"><line x1="${x(t).toFixed(1)}" y1="4" x2="${x(t).toFixed(1)}" y2="${height}"/><text x="${(x(t) + 3).toFixed(1)}" y="${height - 2}">today ${_day(t)}</text></g>
</svg>`
}
