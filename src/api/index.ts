/** Defining an API: versions, negotiation, lifecycle and errors together. */
export { type Api, type ApiOptions, defineApi, type ScopeOptions } from './define-api.ts'
/** Per-scope negotiation, gating and response headers. */
export {
  type Admission,
  createScopeEngine,
  type LifecycleOptions,
  type ResponseHeaderOptions,
  type ScopeEngine,
} from './scope-engine.ts'
/** What handlers know about a request's version. */
export { createVersionContext, type VersionContext } from './version-context.ts'
