/** Usage recording: who calls which version, counted per minute through the runtime, reported and exported. */

export { type ClientHeaders, type ClientIdentifier, defaultClientId, principalName } from './client-id.ts'
export { createUsage, type Usage, type UsageOptions } from './create-usage.ts'
export { parseDuration } from './duration.ts'
export { createUsageMetrics, type UsageMetrics } from './metrics.ts'
export { openUsageStore, type UsageDatabaseOptions, usageFile } from './open-store.ts'
export { createUsageRecorder, type UsageRecorder, type UsageRecorderOptions } from './recorder.ts'
export {
  buildUsageReport,
  stillCalled,
  type UsageReport,
  type UsageReportOptions,
  type UsageReportPrincipal,
  type UsageReportVersion,
  type UsageTrafficBucket,
  usageReport,
} from './report.ts'
export { formatUsageReport, type UsageReportFormat, usageReportFormats } from './report-format.ts'
export { sqlUsageStore, type UsageStore, type UsageTable } from './store.ts'
export { type UsageRoutesOptions, usageJsonRoute } from './usage-routes.ts'
export { minuteOf, OVERFLOW, statusClassOf, type UsageRow } from './usage-row.ts'
