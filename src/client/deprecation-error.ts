import { ClientError } from './client-error.ts'
import type { DeprecationNotice } from './deprecation.ts'

/**
 * A response was served at a deprecated version and the client runs with `deprecationsAsErrors`
 * (for test suites that must not depend on deprecated versions).
 *
 * @example
 * const client = createClient({ baseUrl, deprecationsAsErrors: true })
 * await client.get('/cmk/v1/clusters') // throws DeprecationError: GET /cmk/v1/clusters is served at deprecated version cmk/v1 ...
 */
export class DeprecationError extends ClientError {
  override name = 'DeprecationError'
  readonly notice: DeprecationNotice

  constructor(notice: DeprecationNotice) {
    const at = notice.version !== undefined ? ` version ${notice.version}` : ' a version'
    const sunset = notice.sunset !== undefined ? `, sunset ${notice.sunset.toISOString()}` : ''
    const successor = notice.links.successor !== undefined ? `; successor: ${notice.links.successor}` : ''
    super(`${notice.method} ${notice.url} is served at deprecated${at}${sunset}${successor}`)
    this.notice = notice
  }
}

/**
 * Tells whether a value is a {@link DeprecationError}.
 *
 * @example
 * if (isDeprecationError(err)) console.error(err.notice.sunset)
 */
export function isDeprecationError(value: unknown): value is DeprecationError {
  return value instanceof DeprecationError
}
