import type { HttpProblem } from '../conventions/error/index.ts'
import { type DeprecationHeaderOptions, deprecationHeaders, type GateOptions, gateVersion } from '../lifecycle/index.ts'
import { createNegotiator, type NegotiationOptions, type RequestView } from '../negotiate/index.ts'
import { type ApiVersion, nextTransition, type Phase, type VersionSet } from '../version/index.ts'
import { createVersionContext, type VersionContext } from './version-context.ts'

const ADMISSION_CACHE_LIMIT = 1024

/** Names of the informational response headers; `false` turns one off. */
export interface ResponseHeaderOptions {
  /** The version actually used. Default `X-API-Version-Used`. */
  readonly used?: string | false
  /** The supported versions, comma-separated. Default `X-API-Versions-Supported`. */
  readonly supported?: string | false
  /** Between the supported versions; default `', '` (IP Fabric writes `1,2,3`, so `','`). */
  readonly separator?: string
  /**
   * What the used-version header says when a request is refused (unsupported, malformed or sunset
   * version): `'latest'` names the newest supported version, as the refusal body does. Default
   * `false`: the header is left out, since no version served the request.
   */
  readonly usedOnRefusal?: 'latest' | false
  /** Opt-in: a sentence explaining the choice, e.g. `X-API-Version-Reason`. Default off. */
  readonly explain?: string | false
  /** Headers sent on every response, e.g. `{ 'X-Product-Version': 'v7.5' }`. */
  readonly fixed?: Readonly<Record<string, string>>
}

export type LifecycleOptions = DeprecationHeaderOptions & Omit<GateOptions, 'hint'>

/** The outcome of starting a request in a scope: either a version to serve, or a refusal. */
export type Admission =
  | {
      readonly ok: true
      readonly context: VersionContext
      readonly headers: Readonly<Record<string, string>>
    }
  | {
      readonly ok: false
      readonly problem: HttpProblem
      readonly headers: Readonly<Record<string, string>>
      /** The version negotiated and then refused (sunset, early access), for usage records. */
      readonly version?: ApiVersion
    }

/** Negotiation, gating and response headers of one version scope. */
export interface ScopeEngine {
  readonly versions: VersionSet
  admit(request: RequestView, now: Date): Admission
  /** A refusal of this scope with the headers refusals carry, for checks made outside negotiation. */
  refuse(problem: HttpProblem, now: Date): Admission
}

/**
 * Compiles one scope: the negotiator, the lifecycle gate, and response headers precomputed per
 * version and cached until the next lifecycle date of any version in the scope.
 *
 * @example
 * const engine = createScopeEngine(negotiation, {}, {})
 * const admission = engine.admit(view, new Date())
 */
export function createScopeEngine(
  negotiation: NegotiationOptions,
  headerOptions: ResponseHeaderOptions,
  lifecycle: LifecycleOptions,
): ScopeEngine {
  const { versions } = negotiation
  const negotiate = createNegotiator(negotiation)
  const suffix = negotiation.beta?.suffix ?? '-beta'
  const usedName = headerOptions.used === undefined ? 'x-api-version-used' : headerOptions.used
  const setUsed = (headers: Record<string, string>, value: string): void => {
    if (usedName !== false) headers[usedName] = value
  }
  const supportedName = headerOptions.supported === undefined ? 'x-api-versions-supported' : headerOptions.supported
  const explainName = headerOptions.explain ?? false
  const separator = headerOptions.separator ?? ', '
  const hint = negotiation.sources[0]?.hint
  const gate: GateOptions = hint === undefined ? lifecycle : { ...lifecycle, hint }
  const label = (v: ApiVersion): string => (v.channel === 'beta' ? `${v.id}${suffix}` : v.id)

  let validUntil = Number.NEGATIVE_INFINITY
  // Admissions depend only on what the winning source read (and time), so they are cached per reading
  // until the next lifecycle date; early-access versions depend on the principal and are never cached.
  const admissions = new Map<string, Admission>()
  const playground = negotiation.playground ?? []
  const sources = negotiation.sources
  const keyOf = (request: RequestView): string | undefined => {
    if (playground.length > 0 && playground.some((p) => request.path.startsWith(p))) return '\u0000playground'
    for (let i = 0; i < sources.length; i++) {
      const reading = sources[i]!.read(request)
      if (reading === undefined) continue
      if (typeof reading !== 'string') return undefined
      // The first source's readings are the common case: keyed as they are, without building a string.
      return i === 0 ? reading : `\u0000${i}\u0000${reading}`
    }
    return '\u0000default'
  }
  let base: Record<string, string> = {}
  let betaBase: Record<string, string> = {}
  let refusalBase: Record<string, string> = {}
  const perVersion = new Map<string, Record<string, string>>()
  const refresh = (now: Date): void => {
    perVersion.clear()
    admissions.clear()
    const next = versions.versions
      .map((v) => nextTransition(v, now)?.getTime() ?? Number.POSITIVE_INFINITY)
      .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY)
    validUntil = next
    base = { ...headerOptions.fixed }
    betaBase = { ...headerOptions.fixed }
    if (supportedName !== false) {
      base[supportedName] = versions.supported('stable', now).map(label).join(separator)
      betaBase[supportedName] = versions.supported('beta', now).map(label).join(separator)
    }
    const latest = versions.latest('stable', now)
    refusalBase = { ...base }
    if (headerOptions.usedOnRefusal === 'latest' && latest !== undefined) setUsed(refusalBase, label(latest))
  }
  const headersFor = (v: ApiVersion, channel: string, phase: Phase, now: Date): Record<string, string> => {
    const cacheKey = `${v.key}|${channel}`
    let headers = perVersion.get(cacheKey)
    if (headers !== undefined) return headers
    const successor = versions.latest('stable', now)
    headers = {
      ...(channel === 'stable' ? base : betaBase),
      ...deprecationHeaders(v, phase, successor?.key === v.key ? undefined : successor, lifecycle),
    }
    setUsed(headers, channel === 'playground' ? 'playground' : label(v))
    perVersion.set(cacheKey, headers)
    return headers
  }

  return {
    versions,
    admit(request, now) {
      if (now.getTime() >= validUntil) refresh(now)
      const key = keyOf(request)
      const cached = key === undefined ? undefined : admissions.get(key)
      if (cached !== undefined) return cached
      const { admission, cacheable } = _admit(request, now)
      if (key !== undefined && cacheable) {
        if (admissions.size >= ADMISSION_CACHE_LIMIT) admissions.clear()
        admissions.set(key, admission)
      }
      return admission
    },
    refuse(problem, now) {
      if (now.getTime() >= validUntil) refresh(now)
      return { ok: false, problem, headers: refusalBase }
    },
  }

  function _admit(request: RequestView, now: Date): { admission: Admission; cacheable: boolean } {
    const result = negotiate(request, now)
    if (!('version' in result))
      return { admission: { ok: false, problem: result, headers: refusalBase }, cacheable: true }
    const { version, channel } = result
    const phase = versions.phase(version, now) as Phase
    // Early access depends on who asks, so its outcome is never shared between requests.
    const cacheable = phase !== 'early-access'
    const refusal =
      channel === 'playground' ? undefined : gateVersion(versions, version, phase, request.principal, gate, now)
    if (refusal !== undefined) {
      return { admission: { ok: false, problem: refusal, headers: refusalBase, version }, cacheable }
    }
    let headers = headersFor(version, channel, phase, now)
    if (explainName !== false) headers = { ...headers, [explainName]: result.reason }
    const label_ = channel === 'playground' ? 'playground' : label(version)
    const context = createVersionContext(versions, version, label_, channel, result.reason)
    return { admission: { ok: true, context, headers }, cacheable }
  }
}
