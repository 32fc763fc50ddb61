/** The Fastify plugin and error rendering. */

/** Mapping thrown errors to HTTP problems. */
export { toProblem } from './error-mapping.ts'
export { type StrataFastifyOptions, sendProblem, strata } from './plugin.ts'
