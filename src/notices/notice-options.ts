import { StrataError } from '../error/index.ts'
import { describeNotice, earliestSunset, type NoticePolicy, type VersionSet } from '../version/index.ts'

/**
 * Finds the email address to notify for a principal (an account id, an API key's owner, a client
 * identifier), or `undefined` when none is known: that principal is reported as "no contact".
 *
 * @example
 * const contact: ContactResolver = async (principal) => owners.get(principal)
 */
export type ContactResolver = (principal: string) => string | undefined | Promise<string | undefined>

/** Where a deprecated version's customers read how to move on. */
export interface MigrationTarget {
  readonly scope: string | undefined
  readonly version: string
  /** The version to move to: the newest generally available one of the scope, if any. */
  readonly successor: string | undefined
}

/** Deprecation notices: who to tell, and when. An option of `defineApi`. */
export interface NoticeOptions {
  /** The one place contact addresses come from; without it every principal is "no contact". */
  readonly contact?: ContactResolver
  /**
   * Reminders before sunset, in days, for every scope without its own; default `[90, 30, 7]`,
   * keeping only those the scope's notice policy leaves room for.
   */
  readonly reminders?: readonly number[]
  /** Reminders of one scope (an API group or endpoint), in days before its versions' sunset. */
  readonly scopes?: Readonly<Record<string, { readonly reminders: readonly number[] }>>
  /** The migration guide of a version; default the successor's `docs`, else the version's own. */
  readonly migrationLink?: (target: MigrationTarget) => string | undefined
}

/** Notice options checked against the API's scopes and notice policies. */
export interface NoticeSettings {
  readonly contact: ContactResolver | undefined
  readonly migrationLink: NoticeOptions['migrationLink']
  /** Reminder days of a scope, largest first. */
  remindersOf(scope: string | undefined): readonly number[]
}

/** The reminders Strata sends when an API names none: 90, 30 and 7 days before sunset. */
export const defaultReminders: readonly number[] = [90, 30, 7]

const DAY = 86_400_000
const minimumCache = new Map<string, number>()

/**
 * The fewest whole days a policy guarantees between deprecation and sunset, whatever the
 * deprecation date (a month is 28 to 31 days, so month policies are measured over four years).
 *
 * @example
 * minimumNoticeDays({ name: '12-months', months: 12 }) // 365
 */
export function minimumNoticeDays(policy: NoticePolicy): number {
  if (!policy.months) return policy.days ?? 0
  const key = `${policy.months}/${policy.days ?? 0}`
  let min = minimumCache.get(key)
  if (min === undefined) {
    min = Number.POSITIVE_INFINITY
    for (let i = 0; i < 1461; i++) {
      const from = new Date(Date.UTC(2024, 0, 1) + i * DAY)
      min = Math.min(min, Math.round((earliestSunset(from, policy).getTime() - from.getTime()) / DAY))
    }
    minimumCache.set(key, min)
  }
  return min
}

const scopeLabel = (scope: string | undefined) => (scope === undefined ? 'the API' : `scope '${scope}'`)

function _checkReminders(days: readonly number[], where: string): void {
  for (const d of days) {
    if (!Number.isInteger(d) || d <= 0) {
      throw new StrataError(
        'STRATA_ERR_NOTICES_INVALID_REMINDER',
        `Notice reminders of ${where} must be whole days before sunset, greater than 0; got ${d}.`,
      )
    }
  }
  if (new Set(days).size !== days.length) {
    throw new StrataError(
      'STRATA_ERR_NOTICES_INVALID_REMINDER',
      `Notice reminders of ${where} list the same day twice (${days.join(', ')}); list each day once.`,
    )
  }
}

function _checkAgainstPolicy(days: readonly number[], scope: string | undefined, policy: NoticePolicy): void {
  const room = minimumNoticeDays(policy)
  const beyond = days.filter((d) => d > room)
  if (beyond.length === 0) return
  throw new StrataError(
    'STRATA_ERR_NOTICES_REMINDER_BEYOND_NOTICE',
    `${scopeLabel(scope)} reminds ${beyond.join(', ')} days before sunset, but its policy '${policy.name}' promises only ${describeNotice(policy)} of notice (at least ${room} days), so the reminder could come before the deprecation itself; remind at most ${room} days before sunset.`,
  )
}

/**
 * Checks notice options when the API is defined: reminders are whole positive days, name declared
 * scopes, and fit inside each scope's notice policy (defaults are trimmed to fit instead).
 *
 * @example
 * const settings = defineNoticeSettings({ reminders: [60, 14] }, new Map([[undefined, versions]]))
 */
export function defineNoticeSettings(
  options: NoticeOptions | undefined,
  versionSets: ReadonlyMap<string | undefined, VersionSet>,
): NoticeSettings {
  const byScope = new Map<string | undefined, readonly number[]>()
  if (options?.reminders !== undefined) _checkReminders(options.reminders, 'the API')
  for (const [name, scope] of Object.entries(options?.scopes ?? {})) {
    if (!versionSets.has(name)) {
      const known = [...versionSets.keys()].filter((k) => k !== undefined)
      throw new StrataError(
        'STRATA_ERR_API_UNKNOWN_SCOPE',
        `Notice reminders name the version scope '${name}', which the API does not declare; declare it under \`scopes\` (known: ${known.join(', ') || 'none'}).`,
      )
    }
    _checkReminders(scope.reminders, `scope '${name}'`)
  }
  for (const [scope, set] of versionSets) {
    const explicit = (scope === undefined ? undefined : options?.scopes?.[scope]?.reminders) ?? options?.reminders
    const room = minimumNoticeDays(set.policy)
    if (explicit !== undefined) _checkAgainstPolicy(explicit, scope, set.policy)
    const days = explicit ?? defaultReminders.filter((d) => d <= room)
    byScope.set(
      scope,
      [...days].sort((a, b) => b - a),
    )
  }
  return {
    contact: options?.contact,
    migrationLink: options?.migrationLink,
    remindersOf: (scope) => byScope.get(scope) ?? [],
  }
}
