/** The Fastify plugin and error rendering. */

/** The API and head routes of a ready app, for per-version contracts. */
export { contractSourceOf } from '../../runtime/index.ts'
/** Platform conventions: HTTPS only, authentication, rate limits; register before `strata`. */
export { type AuthHookOptions, type AuthHooks, createAuthHooks } from './auth-hook.ts'
export { type ConventionsOptions, conventions } from './conventions.ts'
/** Routes declared with `defineRoute`, served by Fastify. */
export { declaredRoutes } from './declared-routes.ts'
/** Mapping thrown errors to HTTP problems. */
export { toProblem } from './errors.ts'
/** Unversioned pages such as the portal (`createPortal()`). */
export { pages } from './pages-plugin.ts'
export { type StrataFastifyOptions, sendProblem, strata, strataFrameworkErrors, strataRequestId } from './plugin.ts'
export { createRateLimitHook, type RateLimitHookOptions } from './rate-limit-hook.ts'
/** Legacy path forms: rewriting them before routing. */
export { strataRewriteUrl } from './rewrite-url.ts'
