/** A JSON Schema of one machine-readable fact an error carries (`data`), as contracts declare it. */
export type ProblemFactSchema = Readonly<Record<string, unknown>>

/** One entry of the catalogue: default status, meaning, and the facts (`data`) the error may carry. */
export interface ProblemEntry {
  readonly status: number
  readonly summary: string
  /** Fact name -> JSON Schema; every error of this code may carry these, none is guaranteed. */
  readonly data?: Readonly<Record<string, ProblemFactSchema>>
}

const _string = { type: 'string' } as const
const _versionFacts = {
  requested_version: _string,
  latest_version: _string,
  supported_versions: { type: 'array', items: _string },
} as const

/**
 * Every error code Strata itself raises over HTTP, UPPER_SNAKE, with its default status, a one-line
 * meaning and the shape of its facts. APIs add their own codes beside these; a code is never reused
 * for another meaning. Contracts describe error bodies from these declared shapes.
 */
export const problemCatalogue = {
  VERSION_MALFORMED: {
    status: 400,
    summary: 'The requested API version cannot be parsed',
    data: _versionFacts,
  },
  VERSION_AMBIGUOUS: { status: 400, summary: 'More than one API version was requested', data: _versionFacts },
  VERSION_REQUIRED: {
    status: 400,
    summary: 'The request names no API version and the API has no default',
    data: _versionFacts,
  },
  VERSION_UNKNOWN: { status: 410, summary: 'The requested API version does not exist', data: _versionFacts },
  VERSION_SUNSET: { status: 410, summary: 'The requested API version has been retired', data: _versionFacts },
  WITHDRAWN: {
    status: 410,
    summary: 'The API version or endpoint was withdrawn at once (a security exception to the notice policy)',
    data: { ..._versionFacts, withdrawn: _string, reason: _string },
  },
  VERSION_EARLY_ACCESS: { status: 403, summary: 'The requested API version is in early access' },
  UNAUTHENTICATED: { status: 401, summary: 'The request carries no valid credentials' },
  FORBIDDEN: { status: 403, summary: 'The principal may not perform this request' },
  NOT_FOUND: { status: 404, summary: 'No resource or route matches the request' },
  METHOD_NOT_ALLOWED: { status: 405, summary: 'The route does not accept this method' },
  NOT_ACCEPTABLE: { status: 406, summary: 'No representation matches the Accept header' },
  CONFLICT: { status: 409, summary: 'The request conflicts with the current state of a resource' },
  QUOTA_EXCEEDED: {
    status: 402,
    summary: 'The request would exceed a quota of the account; free capacity or raise the quota',
    data: { quota: _string, limit: { type: 'integer' }, used: { type: 'integer' } },
  },
  REQUEST_TIMEOUT: { status: 408, summary: 'The request did not arrive within the server’s request timeout' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    summary: 'The request body is larger than the limit, or nests or lists more than the JSON limits allow',
  },
  URI_TOO_LONG: { status: 414, summary: 'The request URL is longer than the limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    summary: 'The request body has a media type the route does not read',
  },
  INVALID_REQUEST: { status: 400, summary: 'The request cannot be read (e.g. malformed JSON)' },
  VALIDATION_FAILED: { status: 422, summary: 'One or more fields failed validation' },
  HEADERS_TOO_LARGE: { status: 431, summary: 'The request headers (URL included) exceed the HTTP parser’s limit' },
  RATE_LIMITED: { status: 429, summary: 'Too many requests; retry after the reset time' },
  INSECURE_TRANSPORT: { status: 403, summary: 'The API refuses requests over plain HTTP' },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    summary: 'The Idempotency-Key header is empty, too long or not visible ASCII',
  },
  IDEMPOTENCY_KEY_REUSED: { status: 422, summary: 'The Idempotency-Key was already used for a different request' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, summary: 'A request with this Idempotency-Key is still being processed' },
  INTERNAL: { status: 500, summary: 'The server failed unexpectedly' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    summary: 'A dependency (database, rate-limit store) is unavailable; retry after Retry-After',
  },
} as const satisfies Record<string, ProblemEntry>

/** A code from Strata's HTTP error catalogue. */
export type ProblemCode = keyof typeof problemCatalogue
