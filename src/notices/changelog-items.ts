import type { Api } from '../api/index.ts'
import type { ChangelogEntry } from '../openapi/contract/index.ts'
import type { ChangelogItem } from './notice-email.ts'

/**
 * The changelog entries a caller of `from` reads to reach `to`: every stable release of the scope
 * after `from`, up to and including `to`, oldest first.
 *
 * @example
 * changelogBetween(buildChangelog(source, { now }), api, 'cmk', 'v1', 'v2')
 */
export function changelogBetween(
  entries: readonly ChangelogEntry[],
  api: Api,
  scope: string | undefined,
  from: string,
  to: string | undefined,
): ChangelogItem[] {
  if (to === undefined) return []
  const set = api.versionsOf(scope)
  const low = set.find(from)?.key
  const high = set.find(to)?.key
  if (low === undefined || high === undefined) return []
  return entries
    .filter((e) => e.scope === scope && e.channel === 'stable')
    .map((e) => ({ e, key: set.find(e.version)?.key }))
    .filter((x): x is { e: ChangelogEntry; key: number } => x.key !== undefined && x.key > low && x.key <= high)
    .sort((a, b) => a.key - b.key)
    .map(({ e }) => ({
      version: e.version,
      ...(e.description !== undefined ? { description: e.description } : {}),
      changes: e.changes,
    }))
}
