import type { Change } from '../change/index.ts'
import { StrataError } from '../error/index.ts'
import type { RequestChannel } from '../negotiate/index.ts'
import type { ApiVersion, Scope, VersionSet } from '../version/index.ts'

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
  /** The version's position in its scope, oldest first; head is the last. */
  readonly index: number
  /** Whether the request's version is `id` or newer; playground requests are always at head. */
  atLeast(id: string): boolean
  /** Whether a change (usually a side-effect change) is in force for this request. */
  has(change: Change): boolean
}

/**
 * Builds the context handed to handlers. `atLeast` parses its argument with the scope's scheme
 * and throws on a typo, so a misspelt version in a handler fails its first test, not silently.
 *
 * @example
 * createVersionContext(versions, version, '20230201', 'stable', 'exact match').atLeast('2024-06-01')
 */
export function createVersionContext(
  versions: VersionSet,
  version: ApiVersion,
  label: string,
  channel: RequestChannel,
  reason: string,
): VersionContext {
  const { scheme } = versions
  const scope: Scope = versions.scope
  return {
    version,
    label,
    channel,
    scope,
    reason,
    index: versions.indexOf(version),
    atLeast(id) {
      if (channel === 'playground') return true
      const key = scheme.parse(id)
      if (key === undefined)
        throw new StrataError(
          'STRATA_ERR_VERSION_INVALID_ID',
          `atLeast('${id}'): not a ${scheme.kind} version (${scheme.expected})`,
        )
      return version.key >= key
    },
    has(change) {
      const introduced = versions.introducedIn(change)
      if (introduced === undefined) {
        throw new StrataError(
          'STRATA_ERR_CHANGE_NOT_IN_LEDGER',
          `has(${change.name}): no version introduces this change; attach it to a version's \`changes\`.`,
        )
      }
      return channel === 'playground' || version.key >= introduced.key
    },
  }
}
