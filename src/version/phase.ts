/** A version's place in its lifecycle, oldest stage first. */
export type Phase = 'early-access' | 'preview' | 'limited' | 'ga' | 'deprecated' | 'sunset'

/** The phases a version can be declared in before it reaches general availability. */
export type PreGaPhase = 'early-access' | 'preview' | 'limited'

/** Every phase in lifecycle order. */
export const phases: readonly Phase[] = ['early-access', 'preview', 'limited', 'ga', 'deprecated', 'sunset']

/** The dates and pre-GA stage that decide a version's phase at a given instant. */
export interface LifecycleDates {
  readonly released?: Date
  readonly stage?: PreGaPhase
  readonly ga?: Date
  readonly deprecated?: Date
  readonly sunset?: Date
}

/**
 * The phase of a version at `now`, or `'unreleased'` before its release date. The phase is a
 * pure function of the dates, so a test can move `now` to travel in time.
 *
 * @example
 * phaseAt({ released: new Date('2023-01-01'), deprecated: new Date('2025-01-01') }, new Date('2025-06-01')) // 'deprecated'
 */
export function phaseAt(dates: LifecycleDates, now: Date): Phase | 'unreleased' {
  const t = now.getTime()
  if (dates.released !== undefined && t < dates.released.getTime()) return 'unreleased'
  if (dates.sunset !== undefined && t >= dates.sunset.getTime()) return 'sunset'
  if (dates.deprecated !== undefined && t >= dates.deprecated.getTime()) return 'deprecated'
  if (dates.stage !== undefined && (dates.ga === undefined || t < dates.ga.getTime())) return dates.stage
  return 'ga'
}

/**
 * The next instant after `now` at which the phase changes, or `undefined` when it never will.
 * Lets callers cache anything derived from a phase until then.
 *
 * @example
 * nextTransition({ deprecated: new Date('2025-01-01') }, new Date('2024-01-01')) // 2025-01-01
 */
export function nextTransition(dates: LifecycleDates, now: Date): Date | undefined {
  const t = now.getTime()
  let next: Date | undefined
  for (const d of [dates.released, dates.ga, dates.deprecated, dates.sunset]) {
    if (d !== undefined && d.getTime() > t && (next === undefined || d < next)) next = d
  }
  return next
}
