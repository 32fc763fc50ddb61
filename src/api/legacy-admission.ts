import { type LegacyPaths, legacyPathRefusal } from '../lifecycle/index.ts'
import type { RequestView } from '../negotiate/index.ts'
import type { Admission, ScopeEngine } from './scope-engine.ts'

/**
 * Applies a legacy path form to an admission: after the form's sunset the request is refused
 * (410 naming the scope's newest version) whatever version it asked for; before it, the form's
 * `Deprecation`, `Sunset` and `Link` headers join the version's own, the earlier sunset winning.
 *
 * @example
 * const admission = admitLegacy(legacy, engine, request, engine.admit(request, now), now)
 */
export function admitLegacy(
  legacy: LegacyPaths,
  engine: ScopeEngine,
  request: RequestView,
  admission: Admission,
  now: Date,
): Admission {
  if (request.originalPath === undefined) return admission
  const verdict = legacy.check(request.originalPath, now)
  if (verdict === undefined) return admission
  if (!verdict.ok) return engine.refuse(legacyPathRefusal(verdict, engine.versions, now), now)
  if (Object.keys(verdict.headers).length === 0) return admission
  const own = admission.headers
  const headers: Record<string, string> = { ...own, ...verdict.headers }
  const versionSunset = admission.ok ? admission.context.version.sunset : undefined
  // The version's own deprecation stands when it is the more urgent one.
  if (own.sunset !== undefined && versionSunset !== undefined && (verdict.sunset ?? versionSunset) >= versionSunset) {
    headers.sunset = own.sunset
    if (own.deprecation !== undefined) headers.deprecation = own.deprecation
  }
  if (own.link !== undefined && verdict.headers.link !== undefined)
    headers.link = `${verdict.headers.link}, ${own.link}`
  return { ...admission, headers }
}
