import { createHash } from 'node:crypto'

/** The request headers a client identifier reads (lower-cased names). */
export type ClientHeaders = Readonly<Record<string, string | string[] | undefined>>

/** Names a client where the API has no authenticated principal. */
export type ClientIdentifier = (headers: ClientHeaders) => string

const API_KEY_HEADERS = ['x-api-key', 'api-key', 'x-api-token']
const MAX_LENGTH = 128

const _first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined

/**
 * The default client identifier: the `X-Client-Id` header, else an API-key header (`X-Api-Key`,
 * `Api-Key`, `X-Api-Token`) as `key:` and a 12-digit digest of the key, else the User-Agent's product token (`curl/8.5.0` -> `curl`), else
 * `anonymous`. Values are cut to 128 characters.
 *
 * @example
 * defaultClientId({ 'user-agent': 'python-requests/2.31' }) // 'python-requests'
 */
export const defaultClientId: ClientIdentifier = (headers) => {
  const named = _first(headers['x-client-id'])
  if (named !== undefined) return named.slice(0, MAX_LENGTH)
  for (const name of API_KEY_HEADERS) {
    const key = _first(headers[name])
    // A digest, never the key: a secret must not reach the usage table.
    if (key !== undefined) return `key:${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
  }
  const agent = _first(headers['user-agent'])
  const product = agent?.split(/[\s/]/)[0]
  return product === undefined || product === '' ? 'anonymous' : product.slice(0, MAX_LENGTH)
}

/**
 * The principal's name as usage records it: its `id` (with `kind` when it has one), a string as is.
 *
 * @example
 * principalName({ id: 'sa-1', kind: 'service-account' }) // 'service-account:sa-1'
 */
export function principalName(principal: unknown): string | undefined {
  if (principal === undefined || principal === null) return undefined
  if (typeof principal === 'string') return principal.slice(0, MAX_LENGTH)
  if (typeof principal === 'object' && 'id' in principal) {
    const { id, kind } = principal as { id: unknown; kind?: unknown }
    if (typeof id !== 'string' && typeof id !== 'number') return undefined
    return (typeof kind === 'string' ? `${kind}:${id}` : String(id)).slice(0, MAX_LENGTH)
  }
  return undefined
}
