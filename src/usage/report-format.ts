import { stillCalled, type UsageReport, type UsageReportVersion } from './report.ts'

/** The formats `strata usage` prints. */
export type UsageReportFormat = 'text' | 'json' | 'markdown' | 'csv'

/** The formats, for option parsers. */
export const usageReportFormats: readonly UsageReportFormat[] = ['text', 'json', 'markdown', 'csv']

const _scope = (v: UsageReportVersion): string => v.scope ?? '(api)'
const _version = (v: UsageReportVersion): string => v.version ?? '(unknown)'
const _day = (iso: string | null): string => (iso === null ? '-' : iso.slice(0, 10))
const _days = (v: UsageReportVersion): string => (v.days_to_sunset === null ? '-' : String(v.days_to_sunset))

/**
 * Renders a usage report: `json` is the report itself; `text` and `markdown` show traffic per version
 * over time and, for each deprecated or sunsetting version, who still calls it; `csv` has one line per
 * version and principal.
 *
 * @example
 * process.stdout.write(formatUsageReport(report, 'markdown'))
 */
export function formatUsageReport(report: UsageReport, format: UsageReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  if (format === 'csv') return _csv(report)
  return format === 'markdown' ? _markdown(report) : _text(report)
}

function _table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function _markdownTable(rows: readonly (readonly string[])[]): string {
  const line = (r: readonly string[]) => `| ${r.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`
  return [line(rows[0]!), line(rows[0]!.map(() => '---')), ...rows.slice(1).map(line)].join('\n')
}

const VERSION_HEAD = ['scope', 'version', 'phase', 'requests', 'deprecated', 'sunset', 'days to sunset']
const _versionRow = (v: UsageReportVersion): string[] => [
  _scope(v),
  _version(v),
  v.phase ?? '-',
  String(v.requests),
  _day(v.deprecated),
  _day(v.sunset),
  _days(v),
]

/** Buckets with any traffic, one row each, a column per version that had traffic. */
function _trafficRows(report: UsageReport): string[][] {
  const called = report.versions.filter((v) => v.requests > 0)
  const starts = called[0]?.traffic.map((b) => b.start) ?? []
  const rows = [['from', ...called.map((v) => `${_scope(v)} ${_version(v)}`)]]
  starts.forEach((start, i) => {
    const counts = called.map((v) => v.traffic[i]?.requests ?? 0)
    if (counts.some((n) => n > 0)) rows.push([start, ...counts.map(String)])
  })
  return rows
}

const PRINCIPAL_HEAD = ['principal', 'requests', 'first seen', 'last seen', 'endpoints']

/** The table of principals still calling one version: a header row, then one row per principal. */
const _principalRows = (v: UsageReportVersion): string[][] => [
  PRINCIPAL_HEAD,
  ...v.principals.map((p) => [p.principal, String(p.requests), p.first_seen, p.last_seen, p.endpoints.join(', ')]),
]

function _text(report: UsageReport): string {
  const out = [
    `Usage from ${report.since} to ${report.generated_at}`,
    '',
    _table([VERSION_HEAD, ...report.versions.map(_versionRow)]),
  ]
  const traffic = _trafficRows(report)
  out.push('', `Traffic per ${report.bucket}:`, traffic.length > 1 ? _table(traffic) : '  no requests in the period')
  for (const v of stillCalled(report)) {
    out.push(
      '',
      `Still calling ${_scope(v)} ${_version(v)} (${v.phase ?? 'undeclared'}, sunset ${_day(v.sunset)}, ${_days(v)} days left):`,
    )
    out.push(_table(_principalRows(v)))
  }
  return `${out.join('\n')}\n`
}

function _markdown(report: UsageReport): string {
  const out = [
    `# API usage`,
    '',
    `From ${report.since} to ${report.generated_at}.`,
    '',
    _markdownTable([VERSION_HEAD, ...report.versions.map(_versionRow)]),
  ]
  const traffic = _trafficRows(report)
  out.push(
    '',
    `## Traffic per ${report.bucket}`,
    '',
    traffic.length > 1 ? _markdownTable(traffic) : 'No requests in the period.',
  )
  const still = stillCalled(report)
  if (still.length > 0) out.push('', '## Still calling deprecated or sunsetting versions')
  for (const v of still) {
    out.push(
      '',
      `### ${_scope(v)} ${_version(v)}: ${v.phase ?? 'undeclared'}, sunset ${_day(v.sunset)} (${_days(v)} days left)`,
      '',
    )
    out.push(_markdownTable(_principalRows(v)))
  }
  return `${out.join('\n')}\n`
}

const _cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function _csv(report: UsageReport): string {
  const head = [
    'scope',
    'version',
    'phase',
    'deprecated',
    'sunset',
    'days_to_sunset',
    'version_requests',
    'principal',
    'requests',
    'first_seen',
    'last_seen',
    'endpoints',
  ]
  const lines = [head.join(',')]
  for (const v of report.versions) {
    const left = [v.scope, v.version, v.phase, v.deprecated, v.sunset, v.days_to_sunset, v.requests]
    const principals = v.principals.length === 0 ? [undefined] : v.principals
    for (const p of principals) {
      const right =
        p === undefined
          ? [null, null, null, null, null]
          : [p.principal, p.requests, p.first_seen, p.last_seen, p.endpoints.join(' ')]
      lines.push([...left, ...right].map(_cell).join(','))
    }
  }
  return `${lines.join('\r\n')}\r\n`
}
