/** The catalogue of HTTP error codes Strata raises. */
export { type ProblemCode, type ProblemEntry, type ProblemFactSchema, problemCatalogue } from './catalogue.ts'
/** Error formats: the envelope, problem+json, and negotiation between them. */
export {
  chooseErrorFormat,
  type ErrorContext,
  type ErrorFormat,
  envelopeFormat,
  problemJsonFormat,
} from './format.ts'
/** The HTTP-facing error object. */
export { type FieldIssue, HttpProblem, isHttpProblem, type ProblemInit, uniqueFieldIssues } from './problem.ts'
/** Dependency outages (database down, read-only, full or saturated) as a 503 with Retry-After. */
export { isDependencyUnavailable, unavailableProblem } from './unavailable.ts'
