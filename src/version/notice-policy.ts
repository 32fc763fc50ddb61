import { StrataError } from '../error/index.ts'

/**
 * How much notice a deprecation must give before the version is sunset.
 *
 * @example
 * const policy: NoticePolicy = { name: '90-days', days: 90 }
 */
export interface NoticePolicy {
  readonly name: string
  readonly days?: number
  readonly months?: number
}

/**
 * The notice-period presets of the programs Strata reproduces: Confluent's 180 days, Cognite's
 * 12 months, and `none` for APIs that promise nothing.
 *
 * @example
 * defineVersions({ scheme: calendarScheme(), policy: noticePolicies.twelveMonths, versions })
 */
export const noticePolicies = {
  days180: { name: '180-days', days: 180 },
  twelveMonths: { name: '12-months', months: 12 },
  none: { name: 'none', days: 0 },
} as const satisfies Record<string, NoticePolicy>

/**
 * The earliest sunset instant a deprecation on `deprecated` may announce under `policy`.
 *
 * @example
 * earliestSunset(new Date('2025-01-31'), noticePolicies.twelveMonths) // 2026-01-31
 */
export function earliestSunset(deprecated: Date, policy: NoticePolicy): Date {
  const { days = 0, months = 0 } = policy
  if (!Number.isInteger(days) || !Number.isInteger(months) || days < 0 || months < 0) {
    throw new StrataError(
      'STRATA_ERR_LIFECYCLE_INVALID_POLICY',
      `Notice policy '${policy.name}' must give whole, non-negative days and months; got days=${days}, months=${months}.`,
    )
  }
  const d = new Date(deprecated.getTime())
  const dayOfMonth = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  // Adding a month to Jan 31 lands on the last day of February, not in March.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(dayOfMonth, lastDay))
  d.setUTCDate(d.getUTCDate() + days)
  return d
}

/**
 * Describes a policy's minimum notice in words, e.g. `12 months` or `180 days`.
 *
 * @example
 * describeNotice(noticePolicies.days180) // '180 days'
 */
export function describeNotice(policy: NoticePolicy): string {
  const parts: string[] = []
  if (policy.months) parts.push(`${policy.months} month${policy.months === 1 ? '' : 's'}`)
  if (policy.days || parts.length === 0) parts.push(`${policy.days ?? 0} days`)
  return parts.join(' and ')
}
