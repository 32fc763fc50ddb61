/** The developer portal: version timelines, per-version reference, changelog and usage under `/docs`. */

export { createPortal, type Portal, type PortalOptions } from './create-portal.ts'
/** The usage report the usage page shows. */
export type { UsageBucket, UsagePrincipal, UsageReport, UsageVersion } from './usage-report.ts'
