/**
 * The base of every error the client throws, so one `catch` can tell the client's errors from others.
 *
 * @example
 * try { await client.get('/assets') } catch (err) { if (isClientError(err)) console.error(err.message) }
 */
export class ClientError extends Error {
  override name = 'ClientError'
}

/**
 * Tells whether a value is an error thrown by the client (any of its kinds).
 *
 * @example
 * if (isClientError(err)) report(err.name, err.message)
 */
export function isClientError(value: unknown): value is ClientError {
  return value instanceof ClientError
}
