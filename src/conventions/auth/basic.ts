import { _pepperKey, verifyApiKeySecret } from './api-key-secret.ts'
import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.ts'
import { _unauthenticated, formatChallenge } from './challenge.ts'
import type { Principal } from './principal.ts'

/** Options of {@link authenticateApiKey}. */
export interface ApiKeyAuthOptions {
  readonly store: ApiKeyStore
  /** The server pepper the secrets were hashed with, at least 32 bytes. */
  readonly pepper: string | Uint8Array
  /** The realm of the `WWW-Authenticate` challenge; defaults to `api`. */
  readonly realm?: string
}

/**
 * Reads HTTP Basic credentials (RFC 7617) from an `Authorization` value; `undefined` when the
 * value is not Basic or not well formed. The id ends at the first colon, so secrets may contain one.
 *
 * @example
 * parseBasicCredentials('Basic QUJDOnNlY3JldA==') // { id: 'ABC', secret: 'secret' }
 */
export function parseBasicCredentials(authorization: string): { id: string; secret: string } | undefined {
  const match = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})[ ]*$/i.exec(authorization)
  if (match?.[1] === undefined || match[1].length % 4 !== 0) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return undefined
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
}

// A real-looking hash, checked when the key id is unknown so both failures take the same time.
const DECOY_HASH = `hmac-sha256:${Buffer.alloc(32).toString('base64url')}`

/**
 * Authenticates an `Authorization: Basic` value against the key store: the key acts as its owner.
 * Unknown keys and wrong secrets get the same 401, so key ids cannot be probed.
 *
 * @example
 * const principal = await authenticateApiKey(request.headers.authorization, { store, pepper })
 */
export async function authenticateApiKey(authorization: string, options: ApiKeyAuthOptions): Promise<Principal> {
  const pepper = _pepperKey(options.pepper)
  const challenge = formatChallenge(['Basic'], options.realm ?? 'api')
  const credentials = parseBasicCredentials(authorization)
  if (credentials === undefined) {
    throw _unauthenticated(
      'The Authorization header does not hold HTTP Basic credentials in the form id:secret',
      challenge,
    )
  }
  const record: ApiKeyRecord | undefined = await options.store.findKey(credentials.id)
  const valid = verifyApiKeySecret(credentials.secret, record?.secretHash ?? DECOY_HASH, pepper)
  if (record === undefined || !valid) throw _unauthenticated('The API key or secret is not valid', challenge)
  return {
    id: record.owner.id,
    kind: record.owner.kind,
    ...(record.owner.organizationId !== undefined ? { organizationId: record.owner.organizationId } : {}),
    scopes: record.scopes ?? [],
    via: 'api-key',
    credentialId: record.id,
  }
}
