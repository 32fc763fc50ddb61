import type { JsonObject } from '../load/json-pointer.ts'
import * as lifecycleRules from '../rules/lifecycle-rules.ts'
import { formatValue } from '../rules/rule.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'

const dayMs = 86_400_000

/** Reads `x-sunset` (YYYY-MM-DD or RFC 3339): a date, `undefined` when absent, `null` when unreadable. */
export function sunsetOf(element: JsonObject): Date | undefined | null {
  const raw = element['x-sunset']
  if (raw === undefined) return undefined
  if (raw instanceof Date) return raw
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}([Tt ].*)?$/.test(raw)) return null
  const date = new Date(raw.length === 10 ? `${raw}T00:00:00Z` : raw)
  return Number.isNaN(date.getTime()) ? null : date
}

/** The stability levels `x-stability-level` may take, least stable first. */
export const stabilityLevels = ['draft', 'alpha', 'beta', 'stable'] as const

/** What removing a possibly deprecated element means: breaking, breaking before sunset, or allowed. */
export type RemovalKind = 'not-deprecated' | 'before-sunset' | 'after-deprecation'

/** Classifies the removal of an element from its old declaration. */
export function removalKind(element: JsonObject, now: Date): { kind: RemovalKind; sunset?: Date } {
  if (element.deprecated !== true) return { kind: 'not-deprecated' }
  const sunset = sunsetOf(element)
  if (sunset instanceof Date && sunset.getTime() > now.getTime()) return { kind: 'before-sunset', sunset }
  return { kind: 'after-deprecation' }
}

/** Formats a date as YYYY-MM-DD. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/**
 * Compares `deprecated` and `x-sunset` of an operation, parameter or property: new deprecations,
 * reactivations, notice shorter than the policy's, and sunsets moved earlier or deleted.
 */
export function diffDeprecation(ctx: SchemaContext, oldElement: JsonObject, newElement: JsonObject): void {
  const wasDeprecated = oldElement.deprecated === true
  const isDeprecated = newElement.deprecated === true
  if (wasDeprecated && !isDeprecated) {
    reportAt(ctx, lifecycleRules.reactivated, {})
    return
  }
  if (!isDeprecated) return
  const sunset = sunsetOf(newElement)
  if (sunset === null) {
    reportAt(ctx, lifecycleRules.sunsetInvalid, { to: formatValue(newElement['x-sunset']) })
    return
  }
  if (!wasDeprecated) {
    reportAt(ctx, lifecycleRules.deprecated, { detail: sunset === undefined ? '' : ` (sunset ${isoDate(sunset)})` })
    const days = ctx.run.policy.deprecationNoticeDays
    if (days > 0 && sunset !== undefined) {
      const notice = Math.floor((sunset.getTime() - ctx.run.now.getTime()) / dayMs)
      if (notice < days) {
        reportAt(ctx, lifecycleRules.deprecationNoticeTooShort, {
          detail: `: sunset ${isoDate(sunset)} is ${notice} days away, the policy requires ${days}`,
        })
      }
    }
    return
  }
  const oldSunset = sunsetOf(oldElement)
  if (oldSunset instanceof Date && (sunset === undefined || sunset.getTime() < oldSunset.getTime())) {
    reportAt(ctx, lifecycleRules.sunsetChanged, {
      from: `\`${isoDate(oldSunset)}\``,
      to: sunset === undefined ? '(none)' : `\`${isoDate(sunset)}\``,
    })
  }
}

/** Compares `x-stability-level` of an operation. */
export function diffStability(ctx: SchemaContext, oldElement: JsonObject, newElement: JsonObject): void {
  const oldLevel = oldElement['x-stability-level']
  const newLevel = newElement['x-stability-level']
  if (oldLevel === newLevel || newLevel === undefined || oldLevel === undefined) return
  const rank = (level: unknown) => stabilityLevels.indexOf(level as (typeof stabilityLevels)[number])
  if (rank(newLevel) === -1) {
    reportAt(ctx, lifecycleRules.stabilityInvalid, { to: formatValue(newLevel) })
    return
  }
  const oldRank = rank(oldLevel)
  if (oldRank !== -1 && rank(newLevel) < oldRank) {
    reportAt(ctx, lifecycleRules.stabilityDecreased, { from: formatValue(oldLevel), to: formatValue(newLevel) })
  }
}
