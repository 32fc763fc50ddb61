import { parseLinkHeader } from './link-header.ts'

/** What a response says about the deprecation of the version it was served at. */
export interface DeprecationNotice {
  /** The request's method, upper case. */
  readonly method: string
  /** The route: the path template when the request named one (`/assets/{id}`), else the path. */
  readonly route: string
  /** The version the server says it used, when it says. */
  readonly version: string | undefined
  /** When the version was (or will be) deprecated; `true` for the legacy `Deprecation: true`. */
  readonly deprecation: Date | true
  /** When the version goes away, if announced. */
  readonly sunset: Date | undefined
  /** `Link` targets: rel `deprecation` (docs), `sunset` (policy) and `successor-version`. */
  readonly links: { readonly deprecation?: string; readonly sunset?: string; readonly successor?: string }
  /** The URL that was called. */
  readonly url: string
}

/**
 * Reads the `Deprecation` header: RFC 9745 `@<epoch seconds>`, the legacy `true`, or an HTTP-date
 * (older drafts). `undefined` when absent, `false`, or unreadable.
 *
 * @example
 * parseDeprecation('@1780272000') // 2026-06-01T00:00:00.000Z
 */
export function parseDeprecation(value: string | null): Date | true | undefined {
  if (value === null) return undefined
  const text = value.trim()
  if (/^true$/i.test(text)) return true
  const epoch = /^@(-?\d+)$/.exec(text)
  if (epoch !== null) return new Date(Number(epoch[1]) * 1000)
  return _date(text)
}

/**
 * Reads the `Sunset` header: an HTTP-date (RFC 8594) or an RFC 3339 timestamp.
 *
 * @example
 * parseSunset('Tue, 01 Jun 2027 00:00:00 GMT') // 2027-06-01T00:00:00.000Z
 */
export function parseSunset(value: string | null): Date | undefined {
  return value === null ? undefined : _date(value.trim())
}

function _date(text: string): Date | undefined {
  // Date.parse reads both forms; a bare number would be read as a year, so it is refused.
  if (!/[a-z]|-/i.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : new Date(ms)
}

/**
 * The deprecation notice a response carries, or `undefined` when it carries none.
 *
 * @example
 * readDeprecation(res.headers, { method: 'GET', route: '/cmk/v1/clusters', version: 'cmk/v1', url })
 */
export function readDeprecation(
  headers: Headers,
  request: { method: string; route: string; version: string | undefined; url: string },
): DeprecationNotice | undefined {
  const deprecation = parseDeprecation(headers.get('deprecation'))
  const sunset = parseSunset(headers.get('sunset'))
  if (deprecation === undefined && sunset === undefined) return undefined
  const links: { deprecation?: string; sunset?: string; successor?: string } = {}
  for (const link of parseLinkHeader(headers.get('link'))) {
    if (link.rels.includes('deprecation')) links.deprecation ??= link.url
    if (link.rels.includes('sunset')) links.sunset ??= link.url
    if (link.rels.includes('successor-version')) links.successor ??= link.url
  }
  // A Sunset alone (RFC 8594) still announces the end of the version.
  return { ...request, deprecation: deprecation ?? true, sunset, links }
}
