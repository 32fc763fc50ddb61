/** Per-version OpenAPI contracts generated from head routes and the change ledger. */

/** The customer-facing changelog. */
export { buildChangelog, type ChangelogEntry } from './changelog.ts'
/** The CI gate: generated contracts against committed snapshots. */
export {
  type CheckOptions,
  type CheckVerdict,
  checkContracts,
  checkFailed,
  scopeFolder,
  type VersionCheck,
} from './check-contracts.ts'
export {
  type ContractRoute,
  type ContractSource,
  defineContractSource,
  type OperationMeta,
} from './contract-source.ts'
export {
  type ConventionHeader,
  type ConventionsDoc,
  type ConventionsInput,
  describeConventions,
} from './conventions-doc.ts'
export { formatChangelogJson, formatChangelogMarkdown } from './format-changelog.ts'
export { type CheckFormat, formatCheck, summarizeChecks } from './format-check.ts'
export { type Contract, type ContractOptions, generateContracts } from './generate-contract.ts'
export { toOpenApi30, toSchema30 } from './openapi-30.ts'
export { stringifyContract } from './stringify-contract.ts'
