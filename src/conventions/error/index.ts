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
