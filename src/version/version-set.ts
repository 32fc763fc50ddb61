import type { Change } from '../change/index.ts'
import { StrataError } from '../error/index.ts'
import { parseInstant } from './calendar-date.ts'
import { describeNotice, earliestSunset, type NoticePolicy, noticePolicies } from './notice-policy.ts'
import { type Phase, type PreGaPhase, phaseAt } from './phase.ts'
import type { VersionScheme } from './scheme.ts'

/** The channel a version is published on. Beta versions are seen only by beta requests. */
export type VersionChannel = 'stable' | 'beta'

/** Where a version list applies: the whole API, one API group, or one endpoint. */
export type Scope =
  | { readonly kind: 'api' }
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'endpoint'; readonly name: string }

/** One version as a team declares it. Dates are `YYYY-MM-DD`, `YYYYMMDD` or RFC 3339. */
export interface VersionInput {
  readonly id: string
  readonly channel?: VersionChannel
  /** When clients may start using it; defaults to the id's date for calendar versions. */
  readonly released?: string
  /** A pre-GA phase the version starts in, until `ga` (or for good when `ga` is absent). */
  readonly stage?: PreGaPhase
  readonly ga?: string
  readonly deprecated?: string
  readonly sunset?: string
  /** Changelog prose for customers. */
  readonly description?: string
  /** A page that documents this version; used in `Link` headers. */
  readonly docs?: string
  /** The breaking changes this version introduces, relative to the version before it. */
  readonly changes?: readonly Change[]
  /**
   * Why the version was withdrawn at once, bypassing the notice policy (a security exception):
   * its sunset may then come as soon as its deprecation, and it answers 410 WITHDRAWN with this reason.
   */
  readonly withdrawn?: string
}

/** One declared version, parsed and checked. */
export interface ApiVersion {
  /** The canonical id, e.g. `2023-02-05`, `3` or `v2`. */
  readonly id: string
  /** Orders versions within their scope. */
  readonly key: number
  readonly channel: VersionChannel
  readonly released?: Date
  readonly stage?: PreGaPhase
  readonly ga?: Date
  readonly deprecated?: Date
  readonly sunset?: Date
  readonly description?: string
  readonly docs?: string
  readonly changes?: readonly Change[]
  /** The reason it was withdrawn at once for security, when it was. */
  readonly withdrawn?: string
}

/** A scope's version list as `defineVersions` takes it. */
export interface VersionSetInput {
  readonly scheme: VersionScheme
  readonly scope?: Scope
  /** Oldest first. */
  readonly versions: readonly VersionInput[]
  /** The minimum notice between deprecation and sunset; defaults to 180 days. */
  readonly policy?: NoticePolicy
}

/** A checked, ordered list of the versions of one scope. */
export interface VersionSet {
  readonly scheme: VersionScheme
  readonly scope: Scope
  readonly policy: NoticePolicy
  /** Oldest first. */
  readonly versions: readonly ApiVersion[]
  /** The version with exactly this id (in any accepted spelling), if declared. */
  find(id: string): ApiVersion | undefined
  /**
   * The version to recommend on `channel` at `now`: the newest generally available one, or the
   * newest released and not sunset when none is GA yet.
   */
  latest(channel: VersionChannel, now: Date): ApiVersion | undefined
  /**
   * Versions to advertise on `channel` at `now`, oldest first: released, not sunset, and past early
   * access (an early-access version exists only for the principals granted it, so it is never listed).
   */
  supported(channel: VersionChannel, now: Date): ApiVersion[]
  /**
   * Resolves a key: `exact` finds that version; `on-or-before` finds the newest released version
   * whose key is not after it. Beta requests see stable and beta versions, stable ones only stable.
   */
  resolve(key: number, channel: VersionChannel, now: Date, match: 'exact' | 'on-or-before'): ApiVersion | undefined
  phase(version: ApiVersion, now: Date): Phase | 'unreleased'
  /** The position of a version in `versions` (0 = oldest). */
  indexOf(version: ApiVersion): number
  /** The version that introduces a change, if any does. */
  introducedIn(change: Change): ApiVersion | undefined
}

function scopeName(scope: Scope): string {
  return scope.kind === 'api' ? 'the API' : `${scope.kind} '${scope.name}'`
}

function _date(version: string, field: string, text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const date = parseInstant(text)
  if (date === undefined) {
    throw new StrataError(
      'STRATA_ERR_VERSION_INVALID_DATE',
      `Version ${version}: ${field} '${text}' is not a date; write it as YYYY-MM-DD or an RFC 3339 timestamp.`,
    )
  }
  return date
}

const day = (d: Date): string => d.toISOString().slice(0, 10)

function _checkLifecycle(v: ApiVersion, policy: NoticePolicy): void {
  const { id, released, ga, deprecated, sunset } = v
  if (sunset !== undefined && deprecated === undefined) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION',
      `Version ${id} has a sunset date (${day(sunset)}) but no deprecation date; add \`deprecated\` at least ${describeNotice(policy)} before it.`,
    )
  }
  if (released !== undefined && deprecated !== undefined && deprecated < released) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_DEPRECATED_BEFORE_RELEASE',
      `Version ${id} is deprecated on ${day(deprecated)}, before its release on ${day(released)}; move \`deprecated\` after the release.`,
    )
  }
  if (released !== undefined && ga !== undefined && ga < released) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_GA_BEFORE_RELEASE',
      `Version ${id} reaches GA on ${day(ga)}, before its release on ${day(released)}; move \`ga\` after the release.`,
    )
  }
  if (sunset === undefined || deprecated === undefined) return
  // Withdrawn for security: Confluent's exception to the notice period; only the order must hold.
  const noticeExempt = v.withdrawn !== undefined
  if (sunset < deprecated) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION',
      `Version ${id} is sunset on ${day(sunset)}, before its deprecation on ${day(deprecated)}; a version must be deprecated first.`,
    )
  }
  const earliest = earliestSunset(deprecated, policy)
  if (!noticeExempt && sunset < earliest) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT',
      `Version ${id} is deprecated on ${day(deprecated)} and sunset on ${day(sunset)}, but policy '${policy.name}' requires ${describeNotice(policy)} of notice; move \`sunset\` to ${day(earliest)} or later (or, for a security withdrawal, give the reason as \`withdrawn\`).`,
    )
  }
}

function _parseVersion(input: VersionInput, scheme: VersionScheme, scope: Scope): ApiVersion {
  const key = scheme.parse(input.id)
  if (key === undefined) {
    throw new StrataError(
      'STRATA_ERR_VERSION_INVALID_ID',
      `Version '${input.id}' of ${scopeName(scope)} is not a ${scheme.kind} version; expected ${scheme.expected}.`,
    )
  }
  const id = scheme.format(key)
  const released =
    _date(id, 'released', input.released) ?? (scheme.kind === 'calendar' ? _date(id, 'id', input.id) : undefined)
  const fields = {
    id,
    key,
    channel: input.channel ?? 'stable',
    released,
    stage: input.stage,
    ga: _date(id, 'ga', input.ga),
    deprecated: _date(id, 'deprecated', input.deprecated),
    sunset: _date(id, 'sunset', input.sunset),
    description: input.description,
    docs: input.docs,
    changes: input.changes,
    withdrawn: input.withdrawn,
  }
  // exactOptionalPropertyTypes: keep absent fields absent rather than `undefined`.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as unknown as ApiVersion
}

function _checkOrder(versions: readonly ApiVersion[], scope: Scope): void {
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1]!
    const cur = versions[i]!
    if (cur.key === prev.key) {
      throw new StrataError(
        'STRATA_ERR_VERSION_DUPLICATE',
        `Version ${cur.id} is declared twice in ${scopeName(scope)}; remove one of the two declarations.`,
      )
    }
    if (cur.key < prev.key) {
      const sorted = [...versions].sort((a, b) => a.key - b.key).map((v) => v.id)
      throw new StrataError(
        'STRATA_ERR_VERSION_UNORDERED',
        `Versions of ${scopeName(scope)} must be declared oldest first, but ${cur.id} comes after ${prev.id}; declare them as ${sorted.join(', ')}.`,
      )
    }
  }
}

const visible = (v: ApiVersion, channel: VersionChannel): boolean => channel === 'beta' || v.channel === 'stable'

/**
 * Declares the versions of one scope and checks them: ids match the scheme, versions are
 * unique and oldest first, and every deprecation respects the notice policy.
 *
 * @example
 * const versions = defineVersions({
 *   scheme: calendarScheme({ form: 'compact' }),
 *   policy: noticePolicies.twelveMonths,
 *   versions: [{ id: '2023-01-01' }, { id: '2024-06-01' }],
 * })
 */
export function defineVersions(input: VersionSetInput): VersionSet {
  const scope = input.scope ?? { kind: 'api' }
  const policy = input.policy ?? noticePolicies.days180
  const { scheme } = input
  if (input.versions.length === 0) {
    throw new StrataError(
      'STRATA_ERR_VERSION_EMPTY',
      `${scopeName(scope)} declares no versions; declare at least one, e.g. { id: '${scheme.format(1)}' }.`,
    )
  }
  const versions = input.versions.map((v) => _parseVersion(v, scheme, scope))
  _checkOrder(versions, scope)
  for (const v of versions) _checkLifecycle(v, policy)

  const byKey = new Map(versions.map((v) => [v.key, v]))
  const isLive = (v: ApiVersion, now: Date): boolean => {
    const p = phaseAt(v, now)
    return p !== 'unreleased' && p !== 'sunset'
  }
  return {
    scheme,
    scope,
    policy,
    versions,
    find(id) {
      const key = scheme.parse(id)
      return key === undefined ? undefined : byKey.get(key)
    },
    latest(channel, now) {
      const live = versions.filter((v) => visible(v, channel) && isLive(v, now))
      return live.findLast((v) => phaseAt(v, now) === 'ga') ?? live.at(-1)
    },
    supported(channel, now) {
      return versions.filter((v) => visible(v, channel) && isLive(v, now) && phaseAt(v, now) !== 'early-access')
    },
    resolve(key, channel, now, match) {
      if (match === 'exact') {
        const v = byKey.get(key)
        return v !== undefined && visible(v, channel) && phaseAt(v, now) !== 'unreleased' ? v : undefined
      }
      for (let i = versions.length - 1; i >= 0; i--) {
        const v = versions[i]!
        if (v.key <= key && visible(v, channel) && phaseAt(v, now) !== 'unreleased') return v
      }
      return undefined
    },
    phase: (v, now) => phaseAt(v, now),
    indexOf: (v) => versions.indexOf(v),
    introducedIn: (change) => versions.find((v) => v.changes?.includes(change)),
  }
}
