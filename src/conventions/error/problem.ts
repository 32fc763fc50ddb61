import type { ProblemCode } from './catalogue.ts'

/** One field that failed validation, named as the client's version names it. */
export interface FieldIssue {
  /** The field's location, dotted (`items.0.name`) or a JSON pointer, as the API prefers. */
  readonly field: string
  /** What is wrong with it, without a trailing period. */
  readonly message: string
  /** A stable machine-readable reason, e.g. `required`, `type`, `max_length`. */
  readonly reason?: string
}

/** The data of one HTTP-facing error, before an error format renders it. */
export interface ProblemInit {
  readonly status: number
  readonly code: ProblemCode | (string & {})
  /** A sentence for the client, without a trailing period. */
  readonly message: string
  /** What the client should do about it. */
  readonly suggestion?: string
  /** More explanation or context, as full sentences. */
  readonly detail?: string
  /** The fields that failed validation (a 422), by the names the client's version uses. */
  readonly fields?: readonly FieldIssue[]
  /** Machine-readable facts a format may render, e.g. `{ latest_version: '2024-06-01' }`. */
  readonly data?: Readonly<Record<string, unknown>>
  /** Response headers that belong to this error (e.g. `Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>
  /** A link to the documentation of this error. */
  readonly docUrl?: string
}

/**
 * An HTTP-facing error: one internal object that every error format (the API's envelope,
 * RFC 9457 problem+json, a vendor's body) renders. Throw it from a handler or return it from a hook.
 *
 * @example
 * throw new HttpProblem({ status: 404, code: 'NOT_FOUND', message: 'Asset 7 does not exist' })
 */
export class HttpProblem extends Error implements ProblemInit {
  override readonly name = 'HttpProblem'
  readonly status: number
  readonly code: ProblemCode | (string & {})
  readonly suggestion?: string
  readonly detail?: string
  readonly fields?: readonly FieldIssue[]
  readonly data?: Readonly<Record<string, unknown>>
  readonly headers?: Readonly<Record<string, string>>
  readonly docUrl?: string

  constructor(init: ProblemInit) {
    super(init.message)
    this.status = init.status
    this.code = init.code
    if (init.suggestion !== undefined) this.suggestion = init.suggestion
    if (init.detail !== undefined) this.detail = init.detail
    if (init.fields !== undefined) this.fields = init.fields
    if (init.data !== undefined) this.data = init.data
    if (init.headers !== undefined) this.headers = init.headers
    if (init.docUrl !== undefined) this.docUrl = init.docUrl
  }
}

/**
 * Tells whether a value is an {@link HttpProblem}.
 *
 * @example
 * if (isHttpProblem(err)) reply.code(err.status)
 */
export function isHttpProblem(value: unknown): value is HttpProblem {
  return value instanceof HttpProblem
}

const _composite = new Set(['anyOf', 'oneOf', 'const', 'if', 'then', 'else'])

/**
 * Keeps one issue per field: a schema that spells an enum both as `enum` and as `anyOf` of `const`s
 * fails every branch, and a client should read one sentence per field, the most specific one.
 *
 * @example
 * uniqueFieldIssues([{ field: 'a', message: 'must be equal to constant', reason: 'const' }, { field: 'a', message: 'must be one of x, y', reason: 'enum' }])
 * // [{ field: 'a', message: 'must be one of x, y', reason: 'enum' }]
 */
export function uniqueFieldIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const byField = new Map<string, FieldIssue>()
  for (const issue of issues) {
    const seen = byField.get(issue.field)
    if (seen === undefined || (_composite.has(seen.reason ?? '') && !_composite.has(issue.reason ?? ''))) {
      byField.set(issue.field, issue)
    }
  }
  return [...byField.values()]
}
