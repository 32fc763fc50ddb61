import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWSAlgorithm,
  type JWTPayload,
  jwtVerify,
} from 'jose'
import { HttpProblem } from '../error/index.ts'
import { _unauthenticated, formatChallenge } from './challenge.ts'
import type { Principal, PrincipalKind } from './principal.ts'

/** Who a token names, as {@link JwtVerifierOptions.toPrincipal} reads it from the claims. */
export interface JwtIdentity {
  readonly id: string
  readonly kind: PrincipalKind
  readonly organizationId?: string | undefined
}

/** Options of {@link createJwtVerifier}. */
export interface JwtVerifierOptions {
  /** The issuer's keys: a local JWKS, or the URL of a remote one (fetched, cached and refreshed by jose). */
  readonly jwks: JSONWebKeySet | URL
  /** The expected `iss`. */
  readonly issuer: string | readonly string[]
  /** The expected `aud`; a token for another API is refused. */
  readonly audience: string | readonly string[]
  /** The longest token accepted, in characters (default 8192); longer is a 401 before any parsing. */
  readonly maxTokenLength?: number
  /** Accepted signature algorithms; defaults to asymmetric ones only, so `none` and HMAC are refused. */
  readonly algorithms?: readonly JWSAlgorithm[]
  /** Allowed clock skew for `exp` and `nbf`; defaults to 5 seconds. */
  readonly clockToleranceSeconds?: number
  /** Maps claims to the principal's identity; defaults to `sub`, kind `user`, no organization. */
  readonly toPrincipal?: (claims: JWTPayload) => JwtIdentity
  /** The realm of the `WWW-Authenticate` challenge; defaults to `api`. */
  readonly realm?: string
  /** The clock; inject one in tests. */
  readonly now?: () => Date
  /** Timeout of one remote JWKS fetch; defaults to 5000 ms. */
  readonly jwksTimeoutMs?: number
}

/** Verifies OAuth2 bearer access tokens (JWTs) and turns them into principals. */
export interface JwtVerifier {
  /** Verifies a compact JWT; throws a 401 UNAUTHENTICATED problem when it is not acceptable. */
  verify(token: string): Promise<Principal>
  readonly realm: string
}

const ASYMMETRIC: readonly JWSAlgorithm[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
]

/**
 * Creates a verifier for bearer JWTs: signature against the JWKS, `iss`, `aud`, `exp`/`nbf`, and
 * scopes read from `scope` (space-separated) or `scp` (array or string).
 *
 * @example
 * const jwt = createJwtVerifier({ jwks: new URL('https://idp.example.com/.well-known/jwks.json'),
 *   issuer: 'https://idp.example.com/', audience: 'https://api.example.com' })
 * const principal = await jwt.verify(token)
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const realm = options.realm ?? 'api'
  const keys =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, { timeoutDuration: options.jwksTimeoutMs ?? 5000 })
      : createLocalJWKSet(options.jwks)
  const toPrincipal = options.toPrincipal ?? _defaultIdentity
  const invalid = (description: string) =>
    _unauthenticated(
      `The access token ${description}`,
      formatChallenge(['Bearer'], realm, { error: 'invalid_token', description: `The access token ${description}` }),
      'Obtain a new access token from the token endpoint and send it as Authorization: Bearer <token>',
    )

  return {
    realm,
    async verify(token) {
      const max = options.maxTokenLength ?? 8192
      if (token.length > max) throw invalid(`is longer than ${max} characters`)
      let payload: JWTPayload
      try {
        ;({ payload } = await jwtVerify(token, keys, {
          issuer: options.issuer as string | string[],
          audience: options.audience as string | string[],
          algorithms: [...(options.algorithms ?? ASYMMETRIC)],
          clockTolerance: options.clockToleranceSeconds ?? 5,
          requiredClaims: ['sub', 'exp'],
          ...(options.now !== undefined ? { currentDate: options.now() } : {}),
        }))
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw invalid('has expired')
        if (err instanceof errors.JWTClaimValidationFailed) throw invalid(`has an unacceptable ${err.claim} claim`)
        if (_isServerSide(err)) {
          throw new HttpProblem({
            status: 500,
            code: 'INTERNAL',
            message: 'The server cannot verify access tokens right now',
            suggestion: 'Retry later; the identity provider’s signing keys could not be loaded',
          })
        }
        throw invalid('is not valid')
      }
      const identity = toPrincipal(payload)
      return {
        id: identity.id,
        kind: identity.kind,
        ...(identity.organizationId !== undefined ? { organizationId: identity.organizationId } : {}),
        scopes: scopesOf(payload),
        via: 'jwt',
        ...(typeof payload.jti === 'string' ? { credentialId: payload.jti } : {}),
      }
    },
  }
}

/**
 * Reads the scopes of an access token: OAuth2 `scope` (RFC 8693, space-separated) or the `scp`
 * claim some providers use (array or space-separated string).
 *
 * @example
 * scopesOf({ scope: 'partner:describe partner:create' }) // ['partner:describe', 'partner:create']
 */
export function scopesOf(claims: JWTPayload): string[] {
  const raw = claims.scope ?? claims.scp
  const list = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw : []
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s.length > 0))]
}

function _defaultIdentity(claims: JWTPayload): JwtIdentity {
  // requiredClaims guarantees `sub` is present; jose checks its presence, not its type.
  return { id: String(claims.sub), kind: 'user' }
}

function _isServerSide(err: unknown): boolean {
  // Key-set fetch failures are the server's problem, not the token's: JWKS timeouts, a bad JWKS
  // document or a non-200 answer (jose's generic error), or a network error (any non-JOSE error).
  if (!(err instanceof errors.JOSEError)) return true
  return err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err.code === 'ERR_JOSE_GENERIC'
}
