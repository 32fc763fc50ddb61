/** Why a string is not a valid CRN. */
export type CrnIssueCode =
  | 'not_a_string'
  | 'too_long'
  | 'scheme'
  | 'authority'
  | 'empty'
  | 'empty_segment'
  | 'segment_without_equals'
  | 'segment_type'
  | 'empty_id'
  | 'escape'

/** One reason a CRN did not parse, with the character offset where it was found. */
export interface CrnIssue {
  readonly code: CrnIssueCode
  /** A sentence for people, without a trailing period. */
  readonly message: string
  /** The offset in the input where the problem starts. */
  readonly offset: number
}

/**
 * Thrown by {@link parseCrn} when its input is not a CRN; `issue` holds the same data that
 * `safeParseCrn` returns.
 *
 * @example
 * try { parseCrn('crn:/x') } catch (err) { if (isCrnParseError(err)) console.log(err.issue.code) }
 */
export class CrnParseError extends Error {
  override readonly name = 'CrnParseError'
  readonly issue: CrnIssue
  readonly input: string

  constructor(input: string, issue: CrnIssue) {
    super(`Cannot parse CRN "${input.length > 80 ? `${input.slice(0, 80)}…` : input}": ${issue.message}`)
    this.input = input
    this.issue = issue
  }
}

/**
 * Tells whether a value is a {@link CrnParseError}.
 *
 * @example
 * if (isCrnParseError(err)) return { field: 'resource_name', message: err.issue.message }
 */
export function isCrnParseError(value: unknown): value is CrnParseError {
  return value instanceof CrnParseError
}
