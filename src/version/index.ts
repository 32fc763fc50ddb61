/** Calendar dates as versions. */
export { type CalendarForm, formatCalendarDay, parseCalendarDay, parseInstant } from './calendar-date.ts'
/** Notice policies for deprecations. */
export { describeNotice, earliestSunset, type NoticePolicy, noticePolicies } from './notice-policy.ts'
/** Lifecycle phases as a function of dates. */
export { type LifecycleDates, nextTransition, type Phase, type PreGaPhase, phaseAt, phases } from './phase.ts'
/** Version schemes: calendar, integer, generation. */
export {
  calendarScheme,
  generationScheme,
  integerScheme,
  type SchemeKind,
  type VersionScheme,
} from './scheme.ts'
/** Checked version lists per scope. */
export {
  type ApiVersion,
  defineVersions,
  type Scope,
  type VersionChannel,
  type VersionInput,
  type VersionSet,
  type VersionSetInput,
} from './version-set.ts'
