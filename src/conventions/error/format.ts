import { problemCatalogue } from './catalogue.ts'
import type { HttpProblem } from './problem.ts'

/** What a format knows about the request that failed. */
export interface ErrorContext {
  /** The request path, without the query string. */
  readonly path: string
  readonly requestId?: string
  readonly now: Date
}

/**
 * Renders an {@link HttpProblem} as a response body. One API has one default format; clients
 * may negotiate problem+json with `Accept`.
 */
export interface ErrorFormat {
  readonly name: string
  readonly contentType: string
  render(problem: HttpProblem, context: ErrorContext): unknown
}

const noTrailingPeriod = (text: string): string => (text.endsWith('.') ? text.slice(0, -1) : text)
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z')

/**
 * The Confluent-style envelope, Strata's default:
 * `{status, error{code, message, details, timestamp, path, suggestion}, requestId, doc_url}`.
 * A 422 lists the failed fields in `error.fields`; `data` facts join the `error` object.
 *
 * @example
 * defineApi({ versions, negotiation, errors: envelopeFormat })
 */
export const envelopeFormat: ErrorFormat = {
  name: 'envelope',
  contentType: 'application/json; charset=utf-8',
  render(problem, context) {
    return {
      status: String(problem.status),
      error: {
        code: problem.code,
        message: noTrailingPeriod(problem.message),
        ...(problem.detail !== undefined ? { details: problem.detail } : {}),
        ...(problem.fields !== undefined ? { fields: problem.fields } : {}),
        timestamp: iso(context.now),
        path: context.path,
        ...(problem.suggestion !== undefined ? { suggestion: `${noTrailingPeriod(problem.suggestion)}.` } : {}),
        ...problem.data,
      },
      ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
      ...(problem.docUrl !== undefined ? { doc_url: problem.docUrl } : {}),
    }
  },
}

/**
 * RFC 9457 `application/problem+json`, rendered from the same problem object.
 *
 * @example
 * defineApi({ versions, negotiation, errors: problemJsonFormat })
 */
export const problemJsonFormat: ErrorFormat = {
  name: 'problem+json',
  contentType: 'application/problem+json; charset=utf-8',
  render(problem, context) {
    const known = problemCatalogue[problem.code as keyof typeof problemCatalogue]
    return {
      type: problem.docUrl ?? 'about:blank',
      title: known?.summary ?? problem.code,
      status: problem.status,
      detail: noTrailingPeriod(problem.message),
      instance: context.path,
      code: problem.code,
      ...(problem.detail !== undefined ? { details: problem.detail } : {}),
      ...(problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {}),
      ...(problem.fields !== undefined ? { errors: problem.fields } : {}),
      ...problem.data,
      ...(context.requestId !== undefined ? { requestId: context.requestId } : {}),
    }
  },
}

/**
 * Picks problem+json when the client's `Accept` asks for it, else the API's own format.
 *
 * @example
 * chooseErrorFormat('application/problem+json', envelopeFormat) === problemJsonFormat // true
 */
export function chooseErrorFormat(accept: string | string[] | undefined, fallback: ErrorFormat): ErrorFormat {
  if (accept === undefined) return fallback
  const text = Array.isArray(accept) ? accept.join(',') : accept
  return text.includes('application/problem+json') ? problemJsonFormat : fallback
}
