import type { JsonSchema } from '../../change/index.ts'

/** One response header a convention sends, as contracts declare it. */
export interface ConventionHeader {
  readonly description: string
  readonly schema: JsonSchema
  /** Sent on every response (conformance tests require it); otherwise only when it applies. */
  readonly required?: boolean
}

/** What the platform conventions (authentication, rate limits) add to every contract. */
export interface ConventionsDoc {
  /** `components/securitySchemes` entries, by name. */
  readonly securitySchemes: Readonly<Record<string, JsonSchema>>
  /** Whether routes need credentials unless they say `auth: 'optional'`. */
  readonly authRequired: boolean
  /** Response headers every operation may carry. */
  readonly responseHeaders: Readonly<Record<string, ConventionHeader>>
}

/** The conventions' configuration as the contract reads it: the same options on every adapter. */
export interface ConventionsInput {
  readonly auth?: {
    readonly authenticator: { readonly schemes?: readonly ('Basic' | 'Bearer')[] }
    readonly required?: boolean
  }
  readonly rateLimit?: unknown
}

const _integer = { type: 'string', pattern: '^[0-9]+$' }

/**
 * Describes what configured conventions promise clients: HTTP Basic (API keys) and bearer (JWT)
 * security schemes, and the `X-RateLimit-*` / `RateLimit*` / `Retry-After` headers of rate limits.
 *
 * @example
 * describeConventions({ auth: { authenticator }, rateLimit: { ip: { limit: 20, windowSeconds: 10 } } })
 */
export function describeConventions(options: ConventionsInput): ConventionsDoc {
  const securitySchemes: Record<string, JsonSchema> = {}
  const schemes = options.auth?.authenticator.schemes ?? []
  if (schemes.includes('Basic'))
    securitySchemes.basic = {
      type: 'http',
      scheme: 'basic',
      description: 'An API key: its id as the user name and its secret as the password.',
    }
  if (schemes.includes('Bearer'))
    securitySchemes.bearer = {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An OAuth2 access token (a JWT).',
    }
  const responseHeaders: Record<string, ConventionHeader> = {}
  if (options.rateLimit !== undefined) {
    responseHeaders['X-RateLimit-Limit'] = {
      description: 'Requests allowed in the window of the rate limit nearest exhaustion.',
      schema: _integer,
    }
    responseHeaders['X-RateLimit-Remaining'] = { description: 'Requests left in that window.', schema: _integer }
    responseHeaders['X-RateLimit-Reset'] = {
      description: 'Seconds until that window resets (relative).',
      schema: _integer,
    }
    responseHeaders['RateLimit-Policy'] = {
      description: 'Every rate-limit policy that applies (draft-ietf-httpapi-ratelimit-headers).',
      schema: { type: 'string' },
    }
    responseHeaders.RateLimit = {
      description: 'What is left of each policy (draft-ietf-httpapi-ratelimit-headers).',
      schema: { type: 'string' },
    }
    responseHeaders['Retry-After'] = {
      description: 'On a refusal (429, or 409 for an idempotency key in use): seconds to wait before retrying.',
      schema: _integer,
    }
  }
  return { securitySchemes, authRequired: options.auth?.required ?? true, responseHeaders }
}
