import type { ApiVersion } from '../version/index.ts'

/** One moment a deprecated version's callers are told: at deprecation, or a reminder before sunset. */
export interface Milestone {
  /** `deprecation` or `reminder-<days>d`, e.g. `reminder-30d`; part of the outbox key. */
  readonly id: string
  readonly due: Date
  /** Days before sunset, for reminders. */
  readonly daysBefore?: number
}

const DAY = 86_400_000

/**
 * The milestones of a deprecated version, earliest first: the deprecation itself, then one reminder
 * per configured day before sunset (a reminder that would come on or before the deprecation is left
 * out: the deprecation notice already says it all).
 *
 * @example
 * milestonesOf(version, [90, 30, 7]).map((m) => m.id) // ['deprecation', 'reminder-90d', 'reminder-30d', 'reminder-7d']
 */
export function milestonesOf(version: ApiVersion, reminders: readonly number[]): Milestone[] {
  const { deprecated, sunset } = version
  if (deprecated === undefined) return []
  const milestones: Milestone[] = [{ id: 'deprecation', due: deprecated }]
  if (sunset === undefined) return milestones
  for (const days of [...reminders].sort((a, b) => b - a)) {
    const due = new Date(sunset.getTime() - days * DAY)
    if (due > deprecated) milestones.push({ id: `reminder-${days}d`, due, daysBefore: days })
  }
  return milestones
}
