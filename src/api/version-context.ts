import type { RequestChannel } from '../negotiate/index.ts'
import type { ApiVersion, Scope, VersionScheme } from '../version/index.ts'

/** What a handler knows about the version of the request it serves. */
export interface VersionContext {
  /** The version actually used (matched, not requested). */
  readonly version: ApiVersion
  /** The version as reported to the client, e.g. `20230201`, `20230203-beta`, `playground`. */
  readonly label: string
  readonly channel: RequestChannel
  readonly scope: Scope
  /** Why this version was chosen. */
  readonly reason: string
  /** Whether the request's version is `id` or newer; playground requests are always at head. */
  atLeast(id: string): boolean
}

/**
 * Builds the context handed to handlers. `atLeast` parses its argument with the scope's scheme
 * and throws on a typo, so a misspelt version in a handler fails its first test, not silently.
 *
 * @example
 * createVersionContext(version, '20230201', 'stable', scope, scheme, 'exact match').atLeast('2024-06-01')
 */
export function createVersionContext(
  version: ApiVersion,
  label: string,
  channel: RequestChannel,
  scope: Scope,
  scheme: VersionScheme,
  reason: string,
): VersionContext {
  return {
    version,
    label,
    channel,
    scope,
    reason,
    atLeast(id) {
      if (channel === 'playground') return true
      const key = scheme.parse(id)
      if (key === undefined) throw new TypeError(`atLeast('${id}'): not a ${scheme.kind} version (${scheme.expected})`)
      return version.key >= key
    },
  }
}
