import { createHmac, timingSafeEqual } from 'node:crypto'
import { StrataError } from '../../error/index.ts'
import { _invalidPageParameter, filterFingerprint, type QueryInput } from './query.ts'

/** One value of a sort key, as it travels inside a page token (JSON: pass dates as ISO strings, numbers finite). */
export type KeyValue = string | number | boolean | null

/**
 * Where a page starts: after the given sort key values (forward) or before them (backward);
 * `keys: null` with `before` means "the last page".
 */
export type PageCursor =
  | { readonly direction: 'after'; readonly keys: readonly KeyValue[] }
  | { readonly direction: 'before'; readonly keys: readonly KeyValue[] | null }

/** What a page token is bound to: the API version, the filter of the list, and optionally the route. */
export interface PageContext {
  readonly apiVersion: string
  /** The request's query; page parameters are ignored when it is fingerprinted. */
  readonly query: QueryInput
  /** A name for the list (e.g. `GET /cmk/v2/clusters`), so a token cannot be replayed on another list. */
  readonly route?: string
  /** Who listed (a principal id), so a token handed to one caller cannot be replayed by another. */
  readonly principal?: string
}

/** What a verified page token says: where the page starts and how large it is. */
export interface PageTokenContent {
  readonly cursor: PageCursor
  readonly pageSize: number
}

/** Options of {@link createPageTokenCodec}. */
export interface PageTokenOptions {
  /** The HMAC key, at least 32 bytes; pass several to rotate: the first signs, all verify. */
  readonly secret: string | Uint8Array | readonly (string | Uint8Array)[]
  /** How long a token stays valid; defaults to 24 hours. */
  readonly ttlSeconds?: number
  /** The clock, in epoch milliseconds; inject one in tests. */
  readonly now?: () => number
}

/** Issues and verifies opaque, signed, expiring page tokens. */
export interface PageTokenCodec {
  /** Signs a cursor for the given list context. */
  issue(content: PageTokenContent, context: PageContext): string
  /** Verifies a token against the current request; throws a 400 VALIDATION_FAILED problem naming `page_token`. */
  verify(token: string, context: PageContext): PageTokenContent
}

interface _Payload {
  v: 1
  d: 'a' | 'b'
  k: readonly KeyValue[] | null
  s: number
  a: string
  f: string
  r: string
  e: number
  /** The principal, when the list is bound to one. */
  p?: string
}

const MAX_TOKEN_LENGTH = 4096
const RESTART = 'Request the list again without page_token to start from the first page'

/**
 * Creates the codec for page tokens: base64url JSON plus an HMAC-SHA256 tag, compared in constant
 * time, bound to the API version, the filter, the route and (when given) the principal, and
 * expiring after `ttlSeconds`.
 *
 * @example
 * const tokens = createPageTokenCodec({ secret: process.env.PAGE_TOKEN_SECRET! })
 * const token = tokens.issue({ cursor: { direction: 'after', keys: ['2025-01-01', 'lkc-9'] }, pageSize: 10 }, ctx)
 */
export function createPageTokenCodec(options: PageTokenOptions): PageTokenCodec {
  const secrets = (Array.isArray(options.secret) ? options.secret : [options.secret]) as (string | Uint8Array)[]
  const keys = secrets.map((secret) => (typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret)))
  const signingKey = keys[0]
  if (signingKey === undefined || keys.some((key) => key.length < 32)) {
    throw new StrataError(
      'STRATA_ERR_PAGINATION_SECRET_TOO_SHORT',
      'A page token secret must be at least 32 bytes; generate one with crypto.randomBytes(32).',
    )
  }
  const ttl = options.ttlSeconds ?? 86_400
  if (!Number.isSafeInteger(ttl) || ttl < 1) {
    throw new StrataError(
      'STRATA_ERR_PAGINATION_INVALID_TTL',
      `Page token ttlSeconds ${ttl} is not a positive integer.`,
    )
  }
  const now = options.now ?? Date.now
  const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest()

  return {
    issue(content, context) {
      const payload: _Payload = {
        v: 1,
        d: content.cursor.direction === 'after' ? 'a' : 'b',
        k: content.cursor.keys,
        s: content.pageSize,
        a: context.apiVersion,
        f: filterFingerprint(context.query),
        r: context.route ?? '',
        e: Math.floor(now() / 1000) + ttl,
        ...(context.principal !== undefined ? { p: context.principal } : {}),
      }
      const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
      return `${body}.${sign(signingKey, body).toString('base64url')}`
    },

    verify(token, context) {
      const dot = token.indexOf('.')
      if (token.length > MAX_TOKEN_LENGTH || dot === -1) {
        throw _tokenProblem('is not a token this API issued', 'malformed')
      }
      const body = token.slice(0, dot)
      const tag = Buffer.from(token.slice(dot + 1), 'base64url')
      const signed = keys.some((key) => {
        const expected = sign(key, body)
        return tag.length === expected.length && timingSafeEqual(tag, expected)
      })
      if (!signed) throw _tokenProblem('is not a token this API issued', 'signature')
      const payload = _readPayload(body)
      if (payload.e * 1000 <= now()) throw _tokenProblem('has expired', 'expired')
      if (payload.a !== context.apiVersion) {
        throw _tokenProblem(`was issued for API version ${payload.a}, not ${context.apiVersion}`, 'version_mismatch')
      }
      if (payload.r !== (context.route ?? '')) throw _tokenProblem('was issued for another list', 'route_mismatch')
      if (payload.p !== context.principal) throw _tokenProblem('was issued to another caller', 'principal_mismatch')
      if (payload.f !== filterFingerprint(context.query)) {
        throw _tokenProblem('was issued for different filter parameters', 'filter_mismatch')
      }
      const cursor: PageCursor =
        payload.d === 'a' && payload.k !== null
          ? { direction: 'after', keys: payload.k }
          : { direction: 'before', keys: payload.k }
      return { cursor, pageSize: payload.s }
    },
  }
}

function _readPayload(body: string): _Payload {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    throw _tokenProblem('is not a token this API issued', 'malformed')
  }
  // A correctly signed token was written by issue(); this guards against a reused secret only.
  const p = value as Partial<_Payload> | null
  if (
    p === null ||
    typeof p !== 'object' ||
    p.v !== 1 ||
    (p.d !== 'a' && p.d !== 'b') ||
    !(p.k === null || Array.isArray(p.k)) ||
    typeof p.s !== 'number' ||
    typeof p.a !== 'string' ||
    typeof p.f !== 'string' ||
    typeof p.r !== 'string' ||
    typeof p.e !== 'number' ||
    !(p.p === undefined || typeof p.p === 'string')
  ) {
    throw _tokenProblem('is not a token this API issued', 'malformed')
  }
  return p as _Payload
}

function _tokenProblem(message: string, reason: string) {
  return _invalidPageParameter('page_token', message, reason, RESTART)
}
