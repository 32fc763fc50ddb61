/** The framework-neutral versioning runtime: what every adapter binds. */

export { answerClientError } from './client-error.ts'
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
export { checkJsonShape } from './json-shape.ts'
export {
  type ExchangeObserver,
  type ExchangeRecord,
  observeExchange,
  observersOf,
} from './observe-exchange.ts'
export type { PageRequest, PageSet } from './page-set.ts'
export {
  migrateProblem,
  type ProblemRequest,
  problemOf,
  type RenderedProblem,
  renderProblem,
} from './render-problem.ts'
export { DEFAULT_BODY_LIMIT, parseJsonBody } from './request-body.ts'
export { isWellFormedRequestId, newRequestId, REQUEST_ID_HEADER, requestIdOf } from './request-id.ts'
export {
  badUrlProblem,
  checkRequestTarget,
  DEFAULT_REQUEST_LIMITS,
  type RequestLimits,
  resolveRequestLimits,
} from './request-limits.ts'
export {
  attachRegistry,
  checkScope,
  contractSourceOf,
  createRouteRegistry,
  type RouteRegistry,
  registryOf,
} from './route-registry.ts'
export { createRouteTable, type RouteTable } from './route-table.ts'
export {
  createRuntime,
  type Runtime,
  type RuntimeOptions,
  type RuntimeRequest,
  type RuntimeResponse,
} from './serve.ts'
export { defineUnversionedRoute, type UnversionedRoute, unversionedTable } from './unversioned-route.ts'
export {
  ajvOptions,
  createVersionValidators,
  fieldIssues,
  MAX_LISTED_FIELDS,
  type PartValidator,
  type PrecompiledValidators,
  type ValidationItem,
  type ValidatorKind,
  type ValidatorSchema,
  type VersionedSchema,
  type VersionValidators,
  validationProblem,
  validatorKey,
} from './validate.ts'
