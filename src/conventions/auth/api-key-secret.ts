import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { StrataError } from '../../error/index.ts'

/** A freshly generated API key; the secret is shown once and only its hash is stored. */
export interface GeneratedApiKey {
  readonly id: string
  readonly secret: string
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const HASH_PREFIX = 'hmac-sha256:'

/**
 * Generates an API key in the Confluent shape: a 16-character upper-case id and a 64-character
 * secret, both from a cryptographic random source.
 *
 * @example
 * const { id, secret } = generateApiKey() // id 'ABCDEFGH12345678', secret 64 characters
 */
export function generateApiKey(): GeneratedApiKey {
  let id = ''
  while (id.length < 16) {
    for (const byte of randomBytes(32)) {
      // 252 is the largest multiple of 36 below 256: rejecting the rest keeps every character equally likely.
      if (byte < 252 && id.length < 16) id += ID_ALPHABET[byte % ID_ALPHABET.length]
    }
  }
  const secret = randomBytes(48).toString('base64url')
  return { id, secret }
}

/**
 * Hashes an API secret for storage as HMAC-SHA256 keyed by a server pepper, so a leaked key table
 * alone does not let anyone check guesses offline.
 *
 * @example
 * store.addKey({ id, ownerId, secretHash: hashApiKeySecret(secret, process.env.API_KEY_PEPPER!) })
 */
export function hashApiKeySecret(secret: string, pepper: string | Uint8Array): string {
  return HASH_PREFIX + _digest(secret, _pepperKey(pepper)).toString('base64url')
}

/**
 * Checks a presented secret against a stored hash in constant time.
 *
 * @example
 * if (!verifyApiKeySecret(secret, record.secretHash, pepper)) throw unauthenticated
 */
export function verifyApiKeySecret(secret: string, storedHash: string, pepper: string | Uint8Array): boolean {
  const actual = _digest(secret, _pepperKey(pepper))
  const expected = storedHash.startsWith(HASH_PREFIX)
    ? Buffer.from(storedHash.slice(HASH_PREFIX.length), 'base64url')
    : Buffer.alloc(0)
  // Compare equal-length buffers always, so an unknown or malformed hash costs the same time.
  const comparable = expected.length === actual.length ? expected : Buffer.alloc(actual.length)
  return timingSafeEqual(actual, comparable) && comparable === expected
}

/**
 * Turns a pepper into an HMAC key, refusing ones too short to be secret.
 *
 * @example
 * _pepperKey(process.env.API_KEY_PEPPER!)
 */
export function _pepperKey(pepper: string | Uint8Array): Buffer {
  const key = typeof pepper === 'string' ? Buffer.from(pepper, 'utf8') : Buffer.from(pepper)
  if (key.length < 32) {
    throw new StrataError(
      'STRATA_ERR_AUTH_PEPPER_TOO_SHORT',
      'The API key pepper must be at least 32 bytes; generate one with crypto.randomBytes(32).',
    )
  }
  return key
}

function _digest(secret: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(secret, 'utf8').digest()
}
