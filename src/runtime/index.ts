/** The framework-neutral versioning runtime: what every adapter binds. */

export {
  aliasesOf,
  type CompiledRoute,
  compileRoute,
  gateVersion,
  migrateRequest,
  migrateResponse,
  rangesAt,
  servesEveryVersion,
} from './exchange.ts'
export { migrateProblem, type ProblemRequest, type RenderedProblem, renderProblem } from './render-problem.ts'
export {
  attachRegistry,
  checkScope,
  contractSourceOf,
  createRouteRegistry,
  type RouteRegistry,
} from './route-registry.ts'
export { createRouteTable, type RouteTable } from './route-table.ts'
export {
  createVersionValidators,
  fieldIssues,
  MAX_LISTED_FIELDS,
  type PartValidator,
  type ValidationItem,
  type VersionedSchema,
  type VersionValidators,
  validationProblem,
} from './validate.ts'
