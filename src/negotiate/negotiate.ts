import { problemCatalogue } from '../conventions/error/catalogue.ts'
import { HttpProblem } from '../conventions/error/problem.ts'
import { StrataError } from '../error/index.ts'
import type { ApiVersion, VersionChannel, VersionSet } from '../version/index.ts'
import type { RequestView } from './request-view.ts'
import type { VersionSource } from './source.ts'

/** The channel a request is served on. `playground` always gets head, unversioned. */
export type RequestChannel = VersionChannel | 'playground'

/**
 * What to do when no source names a version: a fixed version, the newest GA (`'latest'`), the
 * oldest still supported (`'oldest'`, so old integrations keep working as versions are sunset),
 * or refuse (`'reject'`).
 */
export type DefaultVersion = { readonly version: string } | 'latest' | 'oldest' | 'reject'

/** The version problems negotiation can raise; their statuses are configurable. */
export type VersionProblemCode = 'VERSION_MALFORMED' | 'VERSION_AMBIGUOUS' | 'VERSION_REQUIRED' | 'VERSION_UNKNOWN'

export interface NegotiationOptions {
  readonly versions: VersionSet
  /** Where to read the requested version, highest precedence first. */
  readonly sources: readonly VersionSource[]
  /** When absent: a fixed version, the newest GA (`'latest'`), the oldest supported (`'oldest'`), or 400 (`'reject'`). Default `'latest'`. */
  readonly default?: DefaultVersion
  /** `on-or-before` (calendar default): newest version not after the request; `exact` otherwise. */
  readonly match?: 'exact' | 'on-or-before'
  /**
   * The beta channel, chosen by a suffix on the version (`20230205-beta`) or, when `header` is set,
   * by that request header carrying the channel's name (Cognite: `version: beta`). With the header
   * and no version the newest beta version answers; with a version, that version on the beta channel.
   */
  readonly beta?: { readonly suffix?: string; readonly name?: string; readonly header?: string }
  /** Path prefixes served on the playground channel (head, unversioned), e.g. `/api/playground`. */
  readonly playground?: readonly string[]
  /** Override the status of a version problem, e.g. `{ VERSION_MALFORMED: 410 }`. */
  readonly statuses?: Partial<Record<VersionProblemCode, number>>
}

/** The outcome of negotiation: the version actually used and why. */
export interface Negotiated {
  readonly version: ApiVersion
  readonly channel: RequestChannel
  /** The raw value the client sent, if any. */
  readonly requested?: string
  /** The source that supplied it, or `default`. */
  readonly source: string
  /** One sentence explaining the choice, for the debug header. */
  readonly reason: string
}

/** Negotiates the version of one request. Throws nothing: problems come back as data. */
export type Negotiator = (request: RequestView, now: Date) => Negotiated | HttpProblem

/**
 * Whether a request asks for the beta channel through `beta.header` (`version: beta`); the value is
 * compared without case, and a list (`beta, x`) counts when one of its items is the channel name.
 *
 * @example
 * betaRequested({ header: 'version' })({ method: 'GET', path: '/', query: '', headers: { version: 'beta' } }) // true
 */
export function betaRequested(beta: NegotiationOptions['beta']): (request: RequestView) => boolean {
  const header = beta?.header?.toLowerCase()
  if (header === undefined) return () => false
  const name = (beta?.name ?? 'beta').toLowerCase()
  return (request) => {
    const raw = request.headers[header]
    if (raw === undefined) return false
    const values = Array.isArray(raw) ? raw : [raw]
    return values.some((v) => v.split(',').some((item) => item.trim().toLowerCase() === name))
  }
}

interface _Parsed {
  readonly key: number
  readonly channel: VersionChannel
}

const PARSE_CACHE_LIMIT = 512

/**
 * Builds the negotiator of one version scope: reads the requested version from the sources in
 * order, applies the default, and resolves it (`newest on or before` for calendar versions).
 *
 * @example
 * const negotiate = createNegotiator({ versions, sources: [fromHeader('Cdf-Version')], default: { version: '20230101' } })
 * const result = negotiate({ method: 'GET', path: '/api/v1/assets', query: '', headers }, new Date())
 */
export function createNegotiator(options: NegotiationOptions): Negotiator {
  const { versions, sources } = options
  const { scheme } = versions
  const match = options.match ?? (scheme.kind === 'calendar' ? 'on-or-before' : 'exact')
  const suffix = options.beta?.suffix ?? '-beta'
  const betaName = options.beta?.name ?? 'beta'
  const askedBeta = betaRequested(options.beta)
  const betaHeader = options.beta?.header
  const playground = options.playground ?? []
  const fallback = options.default ?? 'latest'
  const status = (code: VersionProblemCode): number => options.statuses?.[code] ?? problemCatalogue[code].status
  if (sources.length === 0 && fallback === 'reject') {
    throw new StrataError(
      'STRATA_ERR_NEGOTIATE_NO_SOURCE',
      'Negotiation has no version source and rejects requests without one, so every request would fail; add a source such as fromHeader(...) or a default version.',
    )
  }
  const defaultKey = typeof fallback === 'object' ? _checkDefault(versions, fallback.version, match) : undefined

  const cache = new Map<string, _Parsed | undefined>()
  const parse = (raw: string): _Parsed | undefined => {
    let hit = cache.get(raw)
    if (hit !== undefined || cache.has(raw)) return hit
    const beta = raw.endsWith(suffix) && raw.length > suffix.length
    const key = scheme.parse(beta ? raw.slice(0, -suffix.length) : raw)
    hit = key === undefined ? undefined : { key, channel: beta ? 'beta' : 'stable' }
    if (cache.size >= PARSE_CACHE_LIMIT) cache.clear()
    cache.set(raw, hit)
    return hit
  }

  const problem = (code: VersionProblemCode, message: string, now: Date, requested?: string): HttpProblem => {
    const latest = versions.latest('stable', now)
    const hint = sources[0]?.hint
    return new HttpProblem({
      status: status(code),
      code,
      message,
      ...(latest !== undefined && hint !== undefined
        ? {
            suggestion: `Send ${hint(latest.id)} to use the newest version, or one of the supported versions`,
          }
        : {}),
      data: {
        ...(requested !== undefined ? { requested_version: requested } : {}),
        ...(latest !== undefined ? { latest_version: latest.id } : {}),
        supported_versions: versions.supported('stable', now).map((v) => v.id),
      },
    })
  }

  return (request, now) => {
    if (playground.length > 0 && playground.some((p) => request.path.startsWith(p))) {
      const head = versions.versions.at(-1)!
      return {
        version: head,
        channel: 'playground',
        source: 'path',
        reason: 'playground path: served at head, unversioned',
      }
    }
    for (const source of sources) {
      const reading = source.read(request)
      if (reading === undefined) continue
      if (typeof reading !== 'string') {
        return problem(
          'VERSION_AMBIGUOUS',
          `The request names more than one API version in ${source.label} (${reading.conflict.join(', ')}); send exactly one`,
          now,
        )
      }
      const parsed = parse(reading)
      if (parsed === undefined) {
        return problem(
          'VERSION_MALFORMED',
          `${_quote(reading)} in ${source.label} is not an API version; expected ${scheme.expected}${match === 'on-or-before' ? `, optionally with the suffix ${suffix}` : ''}`,
          now,
          reading,
        )
      }
      const viaHeader = parsed.channel === 'stable' && askedBeta(request)
      const channel: VersionChannel = viaHeader ? 'beta' : parsed.channel
      const version = versions.resolve(parsed.key, channel, now, match)
      if (version === undefined) {
        const first = versions.versions[0]!
        return problem(
          'VERSION_UNKNOWN',
          match === 'on-or-before'
            ? `API version ${reading} is older than the first version, ${first.id}`
            : `API version ${reading} does not exist`,
          now,
          reading,
        )
      }
      const how =
        version.key === parsed.key ? 'exact match' : `newest version on or before ${scheme.format(parsed.key)}`
      return {
        version,
        channel,
        requested: reading,
        source: source.label,
        reason: `${source.label} asked for ${reading}: ${how}${channel === 'beta' ? ` on the ${betaName} channel` : ''}${viaHeader ? ` (header ${betaHeader}: ${betaName})` : ''}`,
      }
    }
    if (askedBeta(request)) {
      const version = versions.latest('beta', now)
      if (version === undefined)
        return problem('VERSION_UNKNOWN', `No ${betaName} version of this API is available`, now)
      return {
        version,
        channel: 'beta',
        source: `header ${betaHeader}`,
        reason: `header ${betaHeader} asked for the ${betaName} channel without a version: the newest ${betaName} version ${version.id}`,
      }
    }
    if (fallback === 'reject') {
      return problem('VERSION_REQUIRED', `This API requires a version in ${sources[0]!.label}`, now)
    }
    const version =
      defaultKey !== undefined
        ? versions.resolve(defaultKey, 'stable', now, match)
        : fallback === 'oldest'
          ? versions.supported('stable', now)[0]
          : versions.latest('stable', now)
    if (version === undefined) return problem('VERSION_UNKNOWN', 'No version of this API is available', now)
    return {
      version,
      channel: 'stable',
      source: 'default',
      reason:
        defaultKey !== undefined
          ? `no version requested: the default ${scheme.format(defaultKey)} resolved to ${version.id}`
          : fallback === 'oldest'
            ? `no version requested: the oldest supported version ${version.id}`
            : `no version requested: the newest generally available version ${version.id}`,
    }
  }
}

function _checkDefault(versions: VersionSet, id: string, match: 'exact' | 'on-or-before'): number {
  const key = versions.scheme.parse(id)
  const known = versions.versions.map((v) => v.id).join(', ')
  const resolves =
    key !== undefined &&
    (match === 'exact' ? versions.find(id) !== undefined : versions.versions.some((v) => v.key <= key))
  if (key === undefined || !resolves) {
    throw new StrataError(
      'STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT',
      `The default version '${id}' does not ${match === 'exact' ? 'exist' : 'resolve to any declared version'}; choose one of ${known}, or 'latest'.`,
    )
  }
  return key
}

function _quote(raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw
  return raw === '' ? 'An empty value' : `'${shown}'`
}
