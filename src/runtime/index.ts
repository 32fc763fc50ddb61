/** The framework-neutral versioning runtime: what every adapter binds. */

export {
  type AuthSteps,
  authSteps,
  type ConventionOutcome,
  type ConventionRequest,
  type ConventionsOptions,
  createConventions,
} from './conventions.ts'
export {
  defineRoute,
  type Infer,
  isReply,
  type Reply,
  type RouteDeclaration,
  type RouteDefinition,
  type RouteInput,
  respond,
  routeSchema,
  withPrefix,
} from './define-route.ts'
export {
  aliasesOf,
  type CompiledRoute,
  compileRoute,
  gateMount,
  migrateRequest,
  migrateResponse,
  rangesAt,
  servesEveryVersion,
} from './exchange.ts'
export {
  type ExchangeObserver,
  type ExchangeRecord,
  observeExchange,
  observersOf,
} from './observe-exchange.ts'
export {
  migrateProblem,
  type ProblemRequest,
  problemOf,
  type RenderedProblem,
  renderProblem,
} from './render-problem.ts'
export { DEFAULT_BODY_LIMIT, parseJsonBody } from './request-body.ts'
export {
  attachRegistry,
  checkScope,
  contractSourceOf,
  createRouteRegistry,
  type RouteRegistry,
} from './route-registry.ts'
export { createRouteTable, type RouteTable } from './route-table.ts'
export { createRuntime, type Runtime, type RuntimeOptions, type RuntimeRequest, type RuntimeResponse } from './serve.ts'
export { defineUnversionedRoute, type UnversionedRoute, unversionedTable } from './unversioned-route.ts'
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
