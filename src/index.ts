/** Defining an API and what handlers see of a request's version. */
export * from './api/index.ts'
/** The change ledger: breaking changes as typed instructions. */
export * from './change/index.ts'
/** Platform conventions: API keys and JWTs, CRNs, the object model, pagination, rate limits. */
export * from './conventions/auth/index.ts'
export * from './conventions/crn/index.ts'
/** HTTP-facing errors and their formats. */
export * from './conventions/error/index.ts'
/** Idempotency-Key: the first response per principal and key, stored and replayed. */
export * from './conventions/idempotency/index.ts'
export * from './conventions/object-model/index.ts'
export * from './conventions/pagination/index.ts'
export * from './conventions/rate-limit/index.ts'
/** Programmer and configuration errors. */
export * from './error/index.ts'
/** Deprecation and sunset headers; lifecycle gating. */
export * from './lifecycle/index.ts'
/** Compiled migrations between versions. */
export * from './migrate/index.ts'
/** Version negotiation. */
export * from './negotiate/index.ts'
/** Routes declared for every adapter, and the framework-neutral runtime that serves them. */
export {
  contractSourceOf,
  createRuntime,
  defineRoute,
  type Infer,
  type Reply,
  type RouteDefinition,
  type RouteInput,
  type Runtime,
  type RuntimeOptions,
  type RuntimeRequest,
  type RuntimeResponse,
  respond,
  withPrefix,
} from './runtime/index.ts'
/** Named head schemas (zod 4, TypeBox, JSON Schema). */
export * from './schema/index.ts'
/** The version model. */
export * from './version/index.ts'
