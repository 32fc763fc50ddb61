import type { ApiVersion, Phase } from '../version/index.ts'

/** `rfc9745`: `Deprecation: @1735689600`; `boolean`: the legacy `Deprecation: true`. */
export type DeprecationFormat = 'rfc9745' | 'boolean'
/** `http-date`: RFC 8594's `Sunset: Sat, 01 Jan 2028 00:00:00 GMT`; `rfc3339`: `2028-01-01T00:00:00Z`. */
export type SunsetFormat = 'http-date' | 'rfc3339'

/** Where `Link` headers of a deprecated version point. Each returns a URL or `undefined` for none. */
export interface DeprecationLinks {
  readonly deprecation?: (version: ApiVersion) => string | undefined
  readonly sunset?: (version: ApiVersion) => string | undefined
  readonly successor?: (version: ApiVersion, successor: ApiVersion) => string | undefined
}

export interface DeprecationHeaderOptions {
  readonly deprecationFormat?: DeprecationFormat
  readonly sunsetFormat?: SunsetFormat
  readonly links?: DeprecationLinks
}

/**
 * Formats an instant as the `Sunset` header wants it.
 *
 * @example
 * formatSunset(new Date('2028-01-01'), 'http-date') // 'Sat, 01 Jan 2028 00:00:00 GMT'
 */
export function formatSunset(date: Date, format: SunsetFormat): string {
  return format === 'http-date' ? date.toUTCString() : date.toISOString().replace('.000Z', 'Z')
}

/**
 * Formats a deprecation instant as the `Deprecation` header wants it (RFC 9745 structured date).
 *
 * @example
 * formatDeprecation(new Date('2025-01-01'), 'rfc9745') // '@1735689600'
 */
export function formatDeprecation(date: Date, format: DeprecationFormat): string {
  return format === 'rfc9745' ? `@${Math.floor(date.getTime() / 1000)}` : 'true'
}

/**
 * The `Deprecation`, `Sunset` and `Link` headers of a version in a given phase. RFC 9745 lets a
 * future deprecation be announced ahead of time; the legacy `true` form is only sent once it holds.
 *
 * @example
 * deprecationHeaders(v2023, 'deprecated', v2024, { links: { sunset: () => 'https://example.com/sunset' } })
 */
export function deprecationHeaders(
  version: ApiVersion,
  phase: Phase,
  successor: ApiVersion | undefined,
  options: DeprecationHeaderOptions = {},
): Record<string, string> {
  const { deprecated, sunset } = version
  const format = options.deprecationFormat ?? 'rfc9745'
  if (deprecated === undefined || (format === 'boolean' && phase !== 'deprecated' && phase !== 'sunset')) return {}
  const headers: Record<string, string> = { deprecation: formatDeprecation(deprecated, format) }
  if (sunset !== undefined) headers.sunset = formatSunset(sunset, options.sunsetFormat ?? 'http-date')
  const links: string[] = []
  const add = (url: string | undefined, rel: string): void => {
    if (url !== undefined) links.push(`<${url}>; rel="${rel}"`)
  }
  add(options.links?.deprecation?.(version) ?? version.docs, 'deprecation')
  if (sunset !== undefined) add(options.links?.sunset?.(version), 'sunset')
  if (successor !== undefined)
    add(options.links?.successor?.(version, successor) ?? successor.docs, 'successor-version')
  if (links.length > 0) headers.link = links.join(', ')
  return headers
}
