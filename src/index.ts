// The public API, one group per concept. Engine internals (compiled plans, the ledger compiler,
// scope engines) are behind `strata/internal`, documented as unstable.

/** Defining an API, and what handlers see of a request's version. */
export { type Api, type ApiOptions, defineApi, type ScopeOptions, type VersionContext } from './api/index.ts'
/** The change ledger: breaking changes as typed instructions. */
export {
  type Change,
  type ChangeInput,
  defineChange,
  endpoint,
  errors,
  type JsonSchema,
  type ProblemParts,
  type RequestParts,
  type ResponseParts,
  schema,
} from './change/index.ts'
/** Authentication: API keys (HTTP Basic) and OAuth2 bearer JWTs. */
export {
  type ApiKeyStore,
  type Authenticator,
  createAuthenticator,
  createJwtVerifier,
  createMemoryApiKeyStore,
  generateApiKey,
  hashApiKeySecret,
  type Principal,
  requireScopes,
  verifyApiKeySecret,
} from './conventions/auth/index.ts'
/** Resource names (CRNs) and the standard object model. */
export { buildCrn, type Crn, formatCrn, parseCrn, safeParseCrn } from './conventions/crn/index.ts'
/** HTTP-facing errors and their formats. */
export {
  type ErrorFormat,
  envelopeFormat,
  type FieldIssue,
  HttpProblem,
  isDependencyUnavailable,
  isHttpProblem,
  type ProblemInit,
  problemJsonFormat,
  unavailableProblem,
} from './conventions/error/index.ts'
/** Idempotency-Key: the first response per principal and key, stored and replayed. */
export {
  createIdempotency,
  type Idempotency,
  type IdempotencyDecision,
  type IdempotencyOptions,
  type IdempotencyStore,
  sqlIdempotencyStore,
} from './conventions/idempotency/index.ts'
export {
  defineResourceKind,
  formatTimestamp,
  type ListLinks,
  shapeList,
  shapeResource,
} from './conventions/object-model/index.ts'
/** Pagination: page sizes, signed page tokens, links. */
export {
  buildPageLinks,
  createPageTokenCodec,
  formatLinkHeader,
  type KeysetPage,
  type KeyValue,
  keysetSql,
  type PageContext,
  type PageTokenCodec,
  parsePageSize,
  readPageRequest,
  sliceKeysetPage,
} from './conventions/pagination/index.ts'
/** Rate limits with their headers, in memory or shared through Redis. */
export {
  createRateLimiter,
  memoryRateLimitStore,
  type RateLimiter,
  type RateLimiterOptions,
  type RatePolicy,
  type RedisUnavailablePolicy,
  redisRateLimitStore,
} from './conventions/rate-limit/index.ts'
/** Programmer and configuration errors. */
export { isStrataError, StrataError, type StrataErrorCode } from './error/index.ts'
/** Lifecycle headers and legacy path forms. */
export {
  defineLegacyPaths,
  deprecationHeaders,
  type LegacyPathInput,
  parseWithdrawals,
  readWithdrawals,
  type VersionRefusal,
  type Withdrawal,
  withVersionRefusalBody,
} from './lifecycle/index.ts'
/** Where a requested version is read from. */
export {
  type DefaultVersion,
  fromHeader,
  fromMediaType,
  fromPath,
  fromPin,
  fromQuery,
  type NegotiationOptions,
} from './negotiate/index.ts'
/** Deprecation notices: the API's contact resolver and reminders (`defineApi({ notices })`). */
export type { ContactResolver, NoticeOptions } from './notices/notice-options.ts'
export { staticContacts } from './notices/static-contacts.ts'
/** Routes declared for every adapter, and the framework-neutral runtime that serves them. */
export {
  type ConventionsOptions,
  contractSourceOf,
  createRuntime,
  defineRoute,
  defineUnversionedRoute,
  type ExchangeObserver,
  type ExchangeRecord,
  type Infer,
  type PageRequest,
  type PageSet,
  type PrecompiledValidators,
  type Reply,
  type RouteDefinition,
  type RouteInput,
  type Runtime,
  type RuntimeOptions,
  type RuntimeRequest,
  type RuntimeResponse,
  respond,
  type UnversionedRoute,
  withPrefix,
} from './runtime/index.ts'
/** Named head schemas (zod 4, TypeBox, JSON Schema). */
export { defineSchema, type NamedSchema, toJsonSchema } from './schema/index.ts'
/** The version model: schemes, version sets, lifecycle phases, notice policies. */
export {
  type ApiVersion,
  calendarScheme,
  defineVersions,
  generationScheme,
  integerScheme,
  type LifecycleDates,
  type NoticePolicy,
  noticePolicies,
  type Phase,
  phaseAt,
  type VersionInput,
  type VersionScheme,
  type VersionSet,
} from './version/index.ts'
