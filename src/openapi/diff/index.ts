/** Comparing two OpenAPI documents into classified findings. */
export type { CustomRule, MatchedOperation, RuleContext } from './custom-rule.ts'
export { type DiffOptions, diffOpenApi, type OperationMatch } from './diff-openapi.ts'
export { normalizePathTemplate } from './diff-paths.ts'
export { countBySeverity, type Finding, type FindingLocation } from './finding.ts'
