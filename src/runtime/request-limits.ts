import { HttpProblem } from '../conventions/error/index.ts'
import { StrataError } from '../error/index.ts'

/**
 * Limits every adapter applies to a request before a handler sees it, each answered in the API's
 * error format. Defaults are in {@link DEFAULT_REQUEST_LIMITS} and docs/limits.md.
 */
export interface RequestLimits {
  /** The longest request target (path and query) in bytes: longer is a 414 URI_TOO_LONG. */
  readonly maxUrlLength?: number
  /** The deepest nesting of arrays and objects in a JSON body: deeper is a 413 PAYLOAD_TOO_LARGE. */
  readonly maxJsonDepth?: number
  /** The most items in one JSON array of a body: more is a 413 PAYLOAD_TOO_LARGE. */
  readonly maxJsonArrayLength?: number
}

/**
 * The default limits: URLs below Node's 16 KiB header limit (so a long URL gets a 414, not the
 * parser's 431), nesting no JSON API needs, arrays ten times the largest bulk request of the seeds.
 */
export const DEFAULT_REQUEST_LIMITS: Required<RequestLimits> = {
  maxUrlLength: 8 * 1024,
  maxJsonDepth: 64,
  maxJsonArrayLength: 10_000,
}

/**
 * The limits with every default filled in; a limit that is not a positive integer is refused.
 *
 * @example
 * resolveRequestLimits({ maxUrlLength: 4096 }) // { maxUrlLength: 4096, maxJsonDepth: 64, maxJsonArrayLength: 10000 }
 */
export function resolveRequestLimits(limits: RequestLimits = {}): Required<RequestLimits> {
  const out = { ...DEFAULT_REQUEST_LIMITS, ...limits }
  for (const [name, value] of Object.entries(out)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new StrataError(
        'STRATA_ERR_LIMIT_INVALID',
        `Request limit ${name} is ${value}; use a positive integer (default ${DEFAULT_REQUEST_LIMITS[name as keyof RequestLimits]}).`,
      )
    }
  }
  return out
}

/**
 * Checks a request target: a 414 past the length limit, a 400 when its path is not valid
 * percent-encoded UTF-8 (no route could match it, so it is not a 404 or 405).
 *
 * @example
 * const problem = checkRequestTarget(request.url, limits); if (problem) return fail(request, problem)
 */
export function checkRequestTarget(url: string, limits: Required<RequestLimits>): HttpProblem | undefined {
  if (Buffer.byteLength(url) > limits.maxUrlLength) {
    return new HttpProblem({
      status: 414,
      code: 'URI_TOO_LONG',
      message: `The request URL is longer than ${limits.maxUrlLength} bytes`,
      suggestion: 'Send long filters in a request body, or fewer query parameters',
    })
  }
  const query = url.indexOf('?')
  const path = query === -1 ? url : url.slice(0, query)
  if (path.includes('%')) {
    try {
      decodeURIComponent(path)
    } catch {
      return badUrlProblem()
    }
  }
  return undefined
}

/**
 * The answer to a URL whose path cannot be decoded: 400 INVALID_REQUEST, the same on every adapter.
 *
 * @example
 * return fail(request, badUrlProblem())
 */
export function badUrlProblem(): HttpProblem {
  return new HttpProblem({
    status: 400,
    code: 'INVALID_REQUEST',
    message: 'The request URL is not valid: its path has an invalid percent-encoding',
    suggestion: 'Percent-encode every reserved or non-ASCII character of the path as UTF-8 (e.g. %C3%A9)',
  })
}
