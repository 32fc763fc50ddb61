import { randomBytes } from 'node:crypto'

/** The response header that names every exchange, errors included. */
export const REQUEST_ID_HEADER = 'x-request-id'

// Visible ASCII only (no space, no control character), 1 to 200 characters: safe in a header and a log line.
const WELL_FORMED = /^[\x21-\x7e]{1,200}$/

/**
 * Whether an incoming `X-Request-Id` is kept: 1 to 200 visible ASCII characters (0x21-0x7E).
 *
 * @example
 * isWellFormedRequestId('a1b2-c3') // true
 * isWellFormedRequestId('has space') // false
 */
export const isWellFormedRequestId = (value: string): boolean => WELL_FORMED.test(value)

/**
 * A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds then 74 random bits, so ids are unique
 * across processes and restarts and sort by creation time.
 *
 * @example
 * newRequestId() // '0193a5c2-7f41-7c3e-9a0b-5d2e8f1c4a77'
 */
export function newRequestId(now: number = Date.now()): string {
  const bytes = randomBytes(16)
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The id of one exchange: the client's `X-Request-Id` when it is well formed, else a new UUIDv7.
 *
 * @example
 * requestIdOf({ 'x-request-id': 'trace-42' }) // 'trace-42'
 */
export function requestIdOf(headers: Readonly<Record<string, string | string[] | undefined>>): string {
  const sent = headers[REQUEST_ID_HEADER]
  const value = Array.isArray(sent) ? (sent.length === 1 ? sent[0] : undefined) : sent
  return value !== undefined && isWellFormedRequestId(value) ? value : newRequestId()
}
