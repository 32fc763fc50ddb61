import { problemCatalogue } from '../conventions/error/catalogue.ts'
import { HttpProblem } from '../conventions/error/problem.ts'
import { StrataError } from '../error/index.ts'
import {
  describeNotice,
  earliestSunset,
  type NoticePolicy,
  noticePolicies,
  parseInstant,
  phaseAt,
  type VersionSet,
} from '../version/index.ts'
import { type DeprecationHeaderOptions, formatDeprecation, formatSunset } from './deprecation-headers.ts'

/** An older path form that still reaches the current routes, e.g. `/api/v7.5/snapshots` for `/api/snapshots`. */
export interface LegacyPathInput {
  /** Matches the legacy part at the start of a path, e.g. `/^\/api\/v7\.\d+(?=\/)/`; must start with `^`. */
  readonly pattern: RegExp
  /** What the matched part becomes in the current path, e.g. `/api`; `''` or starting with `/`. */
  readonly replacement: string
  /** From when responses carry `Deprecation` (and `Sunset`); `YYYY-MM-DD` or RFC 3339. */
  readonly deprecated?: string
  /** From when the legacy form answers 410 instead. */
  readonly sunset?: string
  /** A page on migrating away, sent as `Link: <...>; rel="deprecation"`. */
  readonly docs?: string
  /** The minimum notice between deprecation and sunset; default 180 days. */
  readonly policy?: NoticePolicy
}

/** What a legacy path form means for one request at one instant. */
export type LegacyPathVerdict =
  | { readonly ok: true; readonly headers: Readonly<Record<string, string>>; readonly sunset?: Date }
  | { readonly ok: false; readonly legacy: string; readonly current: string; readonly sunset: Date }

/** The checked legacy path forms of an API. */
export interface LegacyPaths {
  /** The current form of a URL (path and query kept), or `undefined` when no legacy form matches. */
  rewrite(url: string): string | undefined
  /** The verdict on a path as the client sent it, or `undefined` when it is not a legacy form. */
  check(path: string, now: Date): LegacyPathVerdict | undefined
}

interface _Legacy {
  readonly pattern: RegExp
  readonly replacement: string
  readonly deprecated?: Date
  readonly sunset?: Date
  readonly docs?: string
}

const day = (d: Date): string => d.toISOString().slice(0, 10)

function _date(pattern: RegExp, field: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const date = parseInstant(text)
  if (date === undefined) {
    throw new StrataError(
      'STRATA_ERR_VERSION_INVALID_DATE',
      `Legacy path ${pattern}: ${field} '${text}' is not a date; write it as YYYY-MM-DD or an RFC 3339 timestamp.`,
    )
  }
  return date
}

function _parse(input: LegacyPathInput): _Legacy {
  const { pattern, replacement } = input
  if (!pattern.source.startsWith('^')) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID',
      `Legacy path pattern ${pattern} can match in the middle of a path; anchor it at the start with ^, e.g. /^\\/api\\/v7\\.\\d+(?=\\/)/.`,
    )
  }
  if (replacement !== '' && (!replacement.startsWith('/') || replacement.endsWith('/'))) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID',
      `Legacy path ${pattern} is replaced by '${replacement}', which would not join the rest of the path; write it with a leading and no trailing slash, e.g. '/api'.`,
    )
  }
  const deprecated = _date(pattern, 'deprecated', input.deprecated)
  const sunset = _date(pattern, 'sunset', input.sunset)
  if (sunset !== undefined && deprecated === undefined) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION',
      `Legacy path ${pattern} has a sunset date (${day(sunset)}) but no deprecation date; add \`deprecated\`.`,
    )
  }
  if (sunset !== undefined && deprecated !== undefined) {
    const policy = input.policy ?? noticePolicies.days180
    if (sunset < deprecated) {
      throw new StrataError(
        'STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION',
        `Legacy path ${pattern} is sunset on ${day(sunset)}, before its deprecation on ${day(deprecated)}; deprecate it first.`,
      )
    }
    const earliest = earliestSunset(deprecated, policy)
    if (sunset < earliest) {
      throw new StrataError(
        'STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT',
        `Legacy path ${pattern} is deprecated on ${day(deprecated)} and sunset on ${day(sunset)}, but policy '${policy.name}' requires ${describeNotice(policy)} of notice; move \`sunset\` to ${day(earliest)} or later.`,
      )
    }
  }
  // A global or sticky pattern keeps state between calls; matching needs neither flag.
  const flags = pattern.flags.replace(/[gy]/g, '')
  return {
    pattern: new RegExp(pattern.source, flags),
    replacement,
    ...(deprecated !== undefined ? { deprecated } : {}),
    ...(sunset !== undefined ? { sunset } : {}),
    ...(input.docs !== undefined ? { docs: input.docs } : {}),
  }
}

/**
 * Declares older path forms that keep reaching the current routes: the adapter rewrites them
 * before routing, their responses carry `Deprecation` and `Sunset`, and after the sunset they
 * answer 410. Dates are checked like a version's, against the notice policy.
 *
 * @example
 * const legacy = defineLegacyPaths(
 *   [{ pattern: /^\/api\/v7\.\d+(?=\/)/, replacement: '/api', deprecated: '2025-07-01', sunset: '2027-02-01' }],
 *   { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' },
 * )
 * legacy.rewrite('/api/v7.5/snapshots?limit=2') // '/api/snapshots?limit=2'
 */
export function defineLegacyPaths(
  inputs: readonly LegacyPathInput[],
  options: Omit<DeprecationHeaderOptions, 'links'> = {},
): LegacyPaths {
  const legacies = inputs.map(_parse)
  const format = options.deprecationFormat ?? 'rfc9745'
  const find = (path: string): { legacy: _Legacy; matched: string } | undefined => {
    for (const legacy of legacies) {
      const m = legacy.pattern.exec(path)
      if (m !== null && m.index === 0) return { legacy, matched: m[0] }
    }
    return undefined
  }
  return {
    rewrite(url) {
      const q = url.indexOf('?')
      const path = q === -1 ? url : url.slice(0, q)
      const found = find(path)
      if (found === undefined) return undefined
      const rest = path.slice(found.matched.length)
      return `${found.legacy.replacement}${rest === '' ? '/' : rest}${q === -1 ? '' : url.slice(q)}`
    },
    check(path, now) {
      const found = find(path)
      if (found === undefined) return undefined
      const { legacy, matched } = found
      const phase = phaseAt(legacy, now)
      const current = `${legacy.replacement}${path.slice(matched.length)}`
      if (phase === 'sunset') return { ok: false, legacy: matched, current, sunset: legacy.sunset! }
      const headers: Record<string, string> = {}
      const announced = legacy.deprecated !== undefined && (format === 'rfc9745' || phase === 'deprecated')
      if (!announced) return { ok: true, headers }
      headers.deprecation = formatDeprecation(legacy.deprecated!, format)
      if (legacy.sunset !== undefined) headers.sunset = formatSunset(legacy.sunset, options.sunsetFormat ?? 'http-date')
      if (legacy.docs !== undefined) headers.link = `<${legacy.docs}>; rel="deprecation"`
      return { ok: true, headers, ...(legacy.sunset !== undefined ? { sunset: legacy.sunset } : {}) }
    },
  }
}

/**
 * The 410 of a legacy path form after its sunset, naming the newest version of the scope the
 * current path belongs to (error formats render it like any retired version).
 *
 * @example
 * const problem = legacyPathRefusal(verdict, versions, new Date())
 */
export function legacyPathRefusal(
  verdict: Extract<LegacyPathVerdict, { ok: false }>,
  versions: VersionSet,
  now: Date,
  status = problemCatalogue.VERSION_SUNSET.status,
): HttpProblem {
  const latest = versions.latest('stable', now)
  return new HttpProblem({
    status,
    code: 'VERSION_SUNSET',
    message: `The path form ${verdict.legacy} was sunset on ${day(verdict.sunset)} and is no longer served`,
    suggestion: `Remove the version segment from the path: request ${verdict.current}`,
    data: {
      requested_version: verdict.legacy,
      ...(latest !== undefined ? { latest_version: latest.id } : {}),
      supported_versions: versions.supported('stable', now).map((v) => v.id),
    },
  })
}
