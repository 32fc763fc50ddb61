import { ClientError } from './client-error.ts'

/**
 * A mistake in the options of `createClient` or of one request, thrown before anything is sent,
 * with a sentence that says how to fix it. Its code is `STRATA_ERR_CLIENT_INVALID_OPTION`.
 *
 * @example
 * createClient({ baseUrl: 'example.com' }) // throws ClientOptionsError: baseUrl must be an absolute http(s) URL ...
 */
export class ClientOptionsError extends ClientError {
  override name = 'ClientOptionsError'
  readonly code = 'STRATA_ERR_CLIENT_INVALID_OPTION'

  constructor(message: string) {
    super(`${message} [STRATA_ERR_CLIENT_INVALID_OPTION]`)
  }
}

/**
 * Tells whether a value is a {@link ClientOptionsError}.
 *
 * @example
 * expect(isClientOptionsError(caught)).toBe(true)
 */
export function isClientOptionsError(value: unknown): value is ClientOptionsError {
  return value instanceof ClientOptionsError
}
