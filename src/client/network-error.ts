import { ClientError } from './client-error.ts'

/**
 * The request got no HTTP response (connection refused or reset, DNS failure) on its last attempt;
 * `cause` is what `fetch` threw.
 *
 * @example
 * await client.get('/assets') // throws NetworkError: GET http://127.0.0.1:9/assets failed after 3 attempts: fetch failed
 */
export class NetworkError extends ClientError {
  override name = 'NetworkError'
  readonly method: string
  readonly url: string
  readonly attempts: number

  constructor(method: string, url: string, attempts: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super(`${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`, { cause })
    this.method = method
    this.url = url
    this.attempts = attempts
  }
}

/**
 * Tells whether a value is a {@link NetworkError}.
 *
 * @example
 * if (isNetworkError(err)) console.error('the API is unreachable', err.cause)
 */
export function isNetworkError(value: unknown): value is NetworkError {
  return value instanceof NetworkError
}
