import type { Api } from '../api/index.ts'
import { type ApiVersion, phaseAt } from '../version/index.ts'
import { milestonesOf } from './milestones.ts'
import type { OutboxRecord } from './outbox-record.ts'
import type { UsagePrincipal, UsageReport } from './usage-report.ts'

/**
 * Where one notice stands: `sent`; `pending` (due, not delivered yet); `unknown` (handed to SMTP
 * but never recorded as sent: it will be resent with the same Message-ID); `upcoming` (not due
 * yet); `superseded` (never sent, and a later milestone is already due, which says it all).
 */
export type NoticeState = 'sent' | 'pending' | 'unknown' | 'upcoming' | 'superseded'

/** One notice of one principal for one version. */
export interface PlannedNotice {
  readonly milestone: string
  /** The day it is due, `YYYY-MM-DD`. */
  readonly due: string
  readonly daysBefore?: number
  readonly state: NoticeState
  readonly messageId?: string
  readonly sentAt?: string
  readonly attempts?: number
  readonly lastError?: string
}

/** A deprecated version one principal still calls, with its notices. */
export interface PlannedVersion {
  readonly scope: string | undefined
  readonly version: string
  readonly deprecated: string
  readonly sunset?: string
  /** The version to move to, when a newer one is generally available. */
  readonly successor?: string
  readonly requests: number
  readonly lastSeen?: string
  readonly endpoints: readonly string[]
  readonly notices: readonly PlannedNotice[]
}

/** Everything one principal is (to be) told. */
export interface PrincipalPlan {
  readonly principal: string
  readonly versions: readonly PlannedVersion[]
}

/** The notices due for every principal still calling a deprecated version. */
export interface NoticePlan {
  readonly now: string
  /** Principals seen since this instant count as still calling (RFC 3339). */
  readonly since: string
  readonly principals: readonly PrincipalPlan[]
}

/** What planning reads: usage, the API's lifecycle, the clock, the window and the outbox so far. */
export interface PlanInput {
  readonly report: UsageReport
  readonly api: Api
  readonly now: Date
  /** Only principals seen at or after this instant count as still calling. */
  readonly since: Date
  readonly outbox: readonly OutboxRecord[]
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const scopeOf = (scope: string | null | undefined) => (scope === null || scope === '' ? undefined : scope)

/** The outbox key of one notice. */
export const noticeKey = (principal: string, scope: string | undefined, version: string, milestone: string) =>
  JSON.stringify([principal, scope ?? '', version, milestone])

function _findVersion(api: Api, scope: string | undefined, id: string): ApiVersion | undefined {
  if (scope !== undefined && !api.scopeNames.includes(scope)) return undefined
  return api.versionsOf(scope).find(id)
}

type _Context = PlanInput & { readonly rows: ReadonlyMap<string, OutboxRecord> }

function _notices(input: _Context, key: (m: string) => string, version: ApiVersion, scope: string | undefined) {
  const milestones = milestonesOf(version, input.api.notices.remindersOf(scope))
  const dueIndex = milestones.findLastIndex((m) => m.due <= input.now)
  return milestones.map((m, i): PlannedNotice => {
    const row = input.rows.get(key(m.id))
    const state: NoticeState =
      row?.state === 'sent'
        ? 'sent'
        : row?.state === 'sending'
          ? 'unknown'
          : i === dueIndex
            ? 'pending'
            : i < dueIndex
              ? 'superseded'
              : 'upcoming'
    return {
      milestone: m.id,
      due: day(m.due),
      ...(m.daysBefore !== undefined ? { daysBefore: m.daysBefore } : {}),
      state,
      ...(row?.message_id ? { messageId: row.message_id } : {}),
      ...(row?.sent_at ? { sentAt: row.sent_at } : {}),
      ...(row !== undefined && row.attempts > 0 ? { attempts: row.attempts } : {}),
      ...(row?.last_error ? { lastError: row.last_error } : {}),
    }
  })
}

function _plannedVersion(
  input: _Context,
  principal: string,
  scope: string | undefined,
  version: ApiVersion,
  usage: UsagePrincipal | undefined,
): PlannedVersion {
  const set = input.api.versionsOf(scope)
  const latest = set.latest('stable', input.now)
  const notices = _notices(input, (m) => noticeKey(principal, scope, version.id, m), version, scope)
  return {
    scope,
    version: version.id,
    deprecated: day(version.deprecated as Date),
    ...(version.sunset !== undefined ? { sunset: day(version.sunset) } : {}),
    ...(latest !== undefined && latest.key > version.key ? { successor: latest.id } : {}),
    requests: usage?.requests ?? 0,
    ...(usage !== undefined ? { lastSeen: usage.last_seen } : {}),
    endpoints: usage?.endpoints ?? [],
    notices,
  }
}

/**
 * Plans deprecation notices: for every version deprecated (and not yet sunset) at `now`, the
 * principals seen calling it within the window, each with its milestones and their state. A notice
 * whose outcome is unknown stays listed, even once its principal or version has left the report,
 * so that it is resent and never lost. Pure: the same input gives the same plan.
 *
 * @example
 * const plan = planNotices({ report, api, now, since, outbox: await outbox.list() })
 */
export function planNotices(plan: PlanInput): NoticePlan {
  const rows = new Map(plan.outbox.map((r) => [noticeKey(r.principal, r.scope, r.version, r.milestone), r]))
  const input: _Context = { ...plan, rows }
  const since = input.since.getTime()
  const byPrincipal = new Map<string, PlannedVersion[]>()
  const add = (principal: string, planned: PlannedVersion) => {
    const list = byPrincipal.get(principal) ?? []
    if (!list.some((p) => p.scope === planned.scope && p.version === planned.version)) list.push(planned)
    byPrincipal.set(principal, list)
  }
  for (const entry of input.report.versions) {
    const scope = scopeOf(entry.scope)
    if (entry.version === null) continue
    const version = _findVersion(input.api, scope, entry.version)
    if (version?.deprecated === undefined || phaseAt(version, input.now) !== 'deprecated') continue
    for (const usage of entry.principals) {
      if (Date.parse(usage.last_seen) < since) continue
      add(usage.principal, _plannedVersion(input, usage.principal, scope, version, usage))
    }
  }
  for (const row of input.outbox) {
    if (row.state !== 'sending') continue
    const version = _findVersion(input.api, row.scope, row.version)
    if (version?.deprecated === undefined) continue
    add(row.principal, _plannedVersion(input, row.principal, row.scope, version, undefined))
  }
  const principals = [...byPrincipal]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([principal, versions]) => ({ principal, versions }))
  return { now: input.now.toISOString(), since: input.since.toISOString(), principals }
}
