import type { RequestView } from './request-view.ts'

/** What a source found: nothing, one raw value, or several different values. */
export type SourceReading = undefined | string | { readonly conflict: readonly string[] }

/**
 * One place a requested version can come from. Sources are tried in the order given, and the
 * first that finds something wins.
 */
export interface VersionSource {
  /** How the source is named in explanations and errors, e.g. `header Cdf-Version`. */
  readonly label: string
  /** For error suggestions: how a client should send a version through this source. */
  readonly hint: (version: string) => string
  read(request: RequestView): SourceReading
}

function _single(values: readonly string[]): SourceReading {
  const distinct = [...new Set(values.map((v) => v.trim()))]
  if (distinct.length === 0) return undefined
  return distinct.length === 1 ? distinct[0] : { conflict: distinct }
}

/**
 * Reads the version from a request header. Repeated headers (or one header carrying a
 * comma-separated list) that disagree are reported as a conflict, never silently picked.
 *
 * @example
 * fromHeader('Cdf-Version')
 */
export function fromHeader(name: string): VersionSource {
  const key = name.toLowerCase()
  return {
    label: `header ${name}`,
    hint: (v) => `${name}: ${v}`,
    read(request) {
      const raw = request.headers[key]
      if (raw === undefined) return undefined
      if (typeof raw === 'string' && !raw.includes(',')) return raw.trim()
      const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(','))
      return values.length === 1 ? values[0]!.trim() : _single(values)
    },
  }
}

/**
 * Reads the version from a query parameter, e.g. `?api-version=2024-06-01`.
 *
 * @example
 * fromQuery('api-version')
 */
export function fromQuery(name: string): VersionSource {
  return {
    label: `query parameter ${name}`,
    hint: (v) => `?${name}=${v}`,
    read(request) {
      if (request.query === '' || !request.query.includes(name)) return undefined
      return _single(new URLSearchParams(request.query).getAll(name))
    },
  }
}

/**
 * Reads the version from the path with a regular expression whose first group is the version,
 * e.g. `/^\/cmk\/(v\d+)\//` for generational paths.
 *
 * @example
 * fromPath(/^\/api\/(v\d+)\//)
 */
export function fromPath(pattern: RegExp, hint = 'the version segment of the path'): VersionSource {
  return {
    label: 'path',
    hint: (v) => `${hint} (${v})`,
    read(request) {
      return pattern.exec(request.path)?.[1]
    },
  }
}

/**
 * Reads the version from a media-type parameter of `Accept`, e.g.
 * `Accept: application/json; version=2`.
 *
 * @example
 * fromMediaType('version')
 */
export function fromMediaType(parameter = 'version'): VersionSource {
  const re = new RegExp(`;\\s*${parameter}\\s*=\\s*"?([^";,\\s]*)"?`, 'gi')
  return {
    label: `media-type parameter ${parameter}`,
    hint: (v) => `Accept: application/json; ${parameter}=${v}`,
    read(request) {
      const accept = request.headers.accept
      if (accept === undefined) return undefined
      const text = Array.isArray(accept) ? accept.join(',') : accept
      return _single([...text.matchAll(re)].map((m) => m[1] ?? ''))
    },
  }
}

/**
 * Reads a per-client pin, e.g. the version an account was pinned to on its first call
 * (Stripe-style). Put it after the explicit sources so a request can still override its pin.
 *
 * @example
 * fromPin((request) => accounts.get(request.principal)?.pinnedVersion)
 */
export function fromPin(pin: (request: RequestView) => string | undefined): VersionSource {
  return {
    label: 'client pin',
    hint: (v) => `your account's pinned version (${v})`,
    read: pin,
  }
}
