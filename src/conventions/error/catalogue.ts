/**
 * Every error code Strata itself raises over HTTP, UPPER_SNAKE, with its default status and a
 * one-line meaning. APIs add their own codes beside these; a code is never reused for another meaning.
 */
export const problemCatalogue = {
  VERSION_MALFORMED: { status: 400, summary: 'The requested API version cannot be parsed' },
  VERSION_AMBIGUOUS: { status: 400, summary: 'More than one API version was requested' },
  VERSION_REQUIRED: { status: 400, summary: 'The request names no API version and the API has no default' },
  VERSION_UNKNOWN: { status: 410, summary: 'The requested API version does not exist' },
  VERSION_SUNSET: { status: 410, summary: 'The requested API version has been retired' },
  VERSION_EARLY_ACCESS: { status: 403, summary: 'The requested API version is in early access' },
  UNAUTHENTICATED: { status: 401, summary: 'The request carries no valid credentials' },
  FORBIDDEN: { status: 403, summary: 'The principal may not perform this request' },
  NOT_FOUND: { status: 404, summary: 'No resource or route matches the request' },
  METHOD_NOT_ALLOWED: { status: 405, summary: 'The route does not accept this method' },
  NOT_ACCEPTABLE: { status: 406, summary: 'No representation matches the Accept header' },
  CONFLICT: { status: 409, summary: 'The request conflicts with the current state of a resource' },
  PAYLOAD_TOO_LARGE: { status: 413, summary: 'The request body is larger than the limit' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    summary: 'The request body has a media type the route does not read',
  },
  INVALID_REQUEST: { status: 400, summary: 'The request cannot be read (e.g. malformed JSON)' },
  VALIDATION_FAILED: { status: 422, summary: 'One or more fields failed validation' },
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
} as const satisfies Record<string, { status: number; summary: string }>

/** A code from Strata's HTTP error catalogue. */
export type ProblemCode = keyof typeof problemCatalogue
