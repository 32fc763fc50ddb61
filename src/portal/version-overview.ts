import type { Api } from '../api/index.ts'
import type { ContractSource } from '../openapi/contract/index.ts'
import type { ApiVersion, Phase } from '../version/index.ts'

/** One version as the portal shows it. */
export interface VersionView {
  readonly version: ApiVersion
  /** The id clients send, with the beta suffix on beta versions. */
  readonly label: string
  readonly phase: Phase | 'unreleased'
}

/** One version scope (the whole API, an API group or an endpoint) as the portal shows it. */
export interface ScopeView {
  readonly scope: string | undefined
  /** The scope's name in page text. */
  readonly title: string
  /** The scope's URL segment (`api` for the API-wide one). */
  readonly slug: string
  readonly versions: readonly VersionView[]
  /** The label a request without a version gets, or `undefined` when such a request is refused. */
  readonly defaultLabel: string | undefined
  /** Sentences saying how a client asks for a version in this scope. */
  readonly howTo: readonly string[]
}

const API_SLUG = 'api'

/** The URL segment of a scope. */
export const scopeSlug = (scope: string | undefined): string =>
  scope === undefined ? API_SLUG : encodeURIComponent(scope)

/** The scope a URL segment names, or `null` when the API has no such scope. */
export function scopeOfSlug(api: Api, slug: string): string | undefined | null {
  if (slug === API_SLUG) return undefined
  let name: string
  try {
    name = decodeURIComponent(slug)
  } catch {
    return null
  }
  return api.scopeNames.includes(name) ? name : null
}

function _defaultLabel(api: Api, scope: string | undefined, now: Date, label: (v: ApiVersion) => string) {
  const versions = api.versionsOf(scope)
  const fallback = api.negotiationOf(scope).default ?? 'latest'
  if (fallback === 'reject') return undefined
  if (fallback === 'latest') {
    const v = versions.latest('stable', now)
    return v && label(v)
  }
  if (fallback === 'oldest') {
    const v = versions.supported('stable', now)[0]
    return v && label(v)
  }
  return fallback.version
}

function _howTo(api: Api, scope: string | undefined, example: string | undefined, defaultLabel: string | undefined) {
  const negotiation = api.negotiationOf(scope)
  const versions = api.versionsOf(scope)
  const sample = example ?? versions.versions.at(-1)?.id ?? 'VERSION'
  const out = negotiation.sources.map((s) => `By ${s.label}: ${s.hint(sample)}`)
  if (versions.scheme.kind === 'calendar' && (negotiation.match ?? 'on-or-before') === 'on-or-before') {
    out.push('A date selects the newest version released on or before it.')
  }
  if (versions.versions.some((v) => v.channel === 'beta')) {
    out.push(`Append ${negotiation.beta?.suffix ?? '-beta'} to the version for the beta channel.`)
  }
  for (const prefix of negotiation.playground ?? [])
    out.push(`Paths under ${prefix} serve the newest code unversioned.`)
  out.push(
    defaultLabel === undefined
      ? 'A request that names no version is refused.'
      : `A request that names no version gets ${defaultLabel}.`,
  )
  return out
}

/**
 * The scopes of an API that serve routes, each with its versions at `now`, its default version
 * and how to ask for a version (read from the API's negotiation settings).
 *
 * @example
 * const scopes = describeScopes(contractSourceOf(app), new Date())
 */
export function describeScopes(source: ContractSource, now: Date): ScopeView[] {
  const { api } = source
  const withRoutes = new Set(source.routes.map((r) => r.scope))
  const scopes = [undefined, ...api.scopeNames].filter((s) => withRoutes.size === 0 || withRoutes.has(s))
  return scopes.map((scope) => {
    const set = api.versionsOf(scope)
    const suffix = api.negotiationOf(scope).beta?.suffix ?? '-beta'
    const label = (v: ApiVersion) => (v.channel === 'beta' ? `${v.id}${suffix}` : v.id)
    const versions = set.versions.map((version) => ({ version, label: label(version), phase: set.phase(version, now) }))
    const defaultLabel = _defaultLabel(api, scope, now, label)
    const newest = set.latest('stable', now)
    return {
      scope,
      title: scope ?? source.title ?? 'API',
      slug: scopeSlug(scope),
      versions,
      defaultLabel,
      howTo: _howTo(api, scope, newest && label(newest), defaultLabel),
    }
  })
}
