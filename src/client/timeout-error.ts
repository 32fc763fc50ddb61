import { ClientError } from './client-error.ts'

/**
 * A request (all of its attempts together) did not finish within its `timeout`.
 *
 * @example
 * await client.get('/slow', { timeout: 1000 }) // throws TimeoutError: GET http://.../slow timed out after 1000 ms
 */
export class TimeoutError extends ClientError {
  override name = 'TimeoutError'
  readonly method: string
  readonly url: string
  readonly timeout: number

  constructor(method: string, url: string, timeout: number) {
    super(`${method} ${url} timed out after ${timeout} ms`)
    this.method = method
    this.url = url
    this.timeout = timeout
  }
}

/**
 * Tells whether a value is a {@link TimeoutError}.
 *
 * @example
 * if (isTimeoutError(err)) console.error(`gave up after ${err.timeout} ms`)
 */
export function isTimeoutError(value: unknown): value is TimeoutError {
  return value instanceof TimeoutError
}
