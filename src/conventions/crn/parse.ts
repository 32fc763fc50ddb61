import { _CRN_AUTHORITY_PATTERN, _CRN_TYPE_PATTERN, type Crn, type CrnSegment } from './crn.ts'
import { type CrnIssue, type CrnIssueCode, CrnParseError } from './crn-parse-error.ts'

/** The outcome of {@link safeParseCrn}: the CRN, or the first issue found. */
export type CrnParseResult = { readonly ok: true; readonly crn: Crn } | { readonly ok: false; readonly issue: CrnIssue }

/** Inputs longer than this are refused before any work, so a hostile string costs nothing. */
export const MAX_CRN_LENGTH = 4096

const SCHEME = 'crn://'

/**
 * Parses a CRN and returns the result as data, never throwing.
 *
 * @example
 * const result = safeParseCrn('crn://confluent.cloud/organization=o-1/environment=env-2')
 * if (result.ok) result.crn.segments[1] // { type: 'environment', id: 'env-2' }
 */
export function safeParseCrn(input: unknown): CrnParseResult {
  if (typeof input !== 'string') return _fail('not_a_string', 'A CRN must be a string', 0)
  if (input.length > MAX_CRN_LENGTH) {
    return _fail('too_long', `The CRN is longer than ${MAX_CRN_LENGTH} characters`, MAX_CRN_LENGTH)
  }
  if (!input.startsWith(SCHEME)) return _fail('scheme', 'A CRN must start with "crn://"', 0)

  const slash = input.indexOf('/', SCHEME.length)
  const authority = slash === -1 ? input.slice(SCHEME.length) : input.slice(SCHEME.length, slash)
  if (!_CRN_AUTHORITY_PATTERN.test(authority)) {
    return _fail('authority', `The authority "${authority}" is not a host name`, SCHEME.length)
  }
  if (slash === -1 || slash === input.length - 1) {
    return _fail('empty', 'The CRN names no resource; add at least one type=id segment', input.length)
  }

  const segments: CrnSegment[] = []
  let offset = slash + 1
  for (const part of input.slice(slash + 1).split('/')) {
    const parsed = _parseSegment(part, offset)
    if ('code' in parsed) return { ok: false, issue: parsed }
    segments.push(parsed)
    offset += part.length + 1
  }
  return { ok: true, crn: { authority, segments } }
}

/**
 * Parses a CRN, throwing a {@link CrnParseError} when the input is not one.
 *
 * @example
 * parseCrn('crn://confluent.cloud/organization=o-1').segments[0]?.id // 'o-1'
 */
export function parseCrn(input: string): Crn {
  const result = safeParseCrn(input)
  if (!result.ok) throw new CrnParseError(input, result.issue)
  return result.crn
}

function _parseSegment(part: string, offset: number): CrnSegment | CrnIssue {
  if (part.length === 0) {
    return _issue('empty_segment', 'The CRN has an empty segment ("//" or a trailing "/")', offset)
  }
  const equals = part.indexOf('=')
  if (equals === -1) {
    return _issue('segment_without_equals', `The segment "${part}" is not of the form type=id`, offset)
  }
  const type = part.slice(0, equals)
  if (!_CRN_TYPE_PATTERN.test(type)) {
    return _issue('segment_type', `The segment type "${type}" is not lower kebab-case`, offset)
  }
  const raw = part.slice(equals + 1)
  if (raw.length === 0) return _issue('empty_id', `The segment "${type}" has an empty id`, offset + equals + 1)
  try {
    return { type, id: decodeURIComponent(raw) }
  } catch {
    return _issue('escape', `The id of "${type}" has a malformed %-escape`, offset + equals + 1)
  }
}

function _issue(code: CrnIssueCode, message: string, offset: number): CrnIssue {
  return { code, message, offset }
}

function _fail(code: CrnIssueCode, message: string, offset: number): CrnParseResult {
  return { ok: false, issue: _issue(code, message, offset) }
}
