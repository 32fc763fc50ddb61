import { StrataError } from '../../error/index.ts'
import { type ApiKeyAuthOptions, authenticateApiKey } from './basic.ts'
import { _unauthenticated, type AuthScheme, formatChallenge } from './challenge.ts'
import type { JwtVerifier } from './jwt.ts'
import { _header, type AuthRequest, type Principal } from './principal.ts'
import { requireSecureTransport, type TransportOptions } from './transport.ts'

/** Options of {@link createAuthenticator}; configure API keys, JWTs, or both. */
export interface AuthenticatorOptions {
  /** HTTP Basic with API keys. */
  readonly apiKeys?: Omit<ApiKeyAuthOptions, 'realm'>
  /** OAuth2 bearer JWTs. */
  readonly jwt?: JwtVerifier
  /** The realm of `WWW-Authenticate` challenges; defaults to `api`. */
  readonly realm?: string
  /** Refuse plain HTTP with 403 INSECURE_TRANSPORT before looking at credentials. */
  readonly requireHttps?: boolean | TransportOptions
}

/** Turns a request's `Authorization` header into a {@link Principal}. */
export interface Authenticator {
  /** The schemes it accepts, for challenges and contracts' `securitySchemes`. */
  readonly schemes?: readonly AuthScheme[]
  /** The principal, or a 401 UNAUTHENTICATED problem when credentials are missing or invalid. */
  authenticate(request: AuthRequest): Promise<Principal>
  /** Like `authenticate`, but a request without `Authorization` yields `undefined` (e.g. to rate-limit by IP). */
  authenticateOptional(request: AuthRequest): Promise<Principal | undefined>
}

/**
 * Creates an authenticator that accepts API keys (`Authorization: Basic`) and/or bearer JWTs,
 * answering failures with 401 and a challenge for every accepted scheme.
 *
 * @example
 * const auth = createAuthenticator({ apiKeys: { store, pepper }, jwt, requireHttps: { trustProxy: true } })
 * const principal = await auth.authenticate({ headers: request.headers, protocol: request.protocol })
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const realm = options.realm ?? options.jwt?.realm ?? 'api'
  const schemes: AuthScheme[] = []
  if (options.apiKeys !== undefined) schemes.push('Basic')
  if (options.jwt !== undefined) schemes.push('Bearer')
  if (schemes.length === 0)
    throw new StrataError(
      'STRATA_ERR_AUTH_NO_SCHEME',
      'An authenticator needs apiKeys, jwt, or both; configure at least one.',
    )
  const challenge = formatChallenge(schemes, realm)
  const transport = options.requireHttps === true ? {} : options.requireHttps || undefined

  async function authenticateOptional(request: AuthRequest): Promise<Principal | undefined> {
    if (transport !== undefined) requireSecureTransport(request, transport)
    const value = _header(request.headers, 'authorization')
    if (value === undefined || value === '') return undefined
    if (typeof value !== 'string')
      throw _unauthenticated('The request carries more than one Authorization header', challenge)
    const scheme = value.slice(0, value.indexOf(' ') === -1 ? value.length : value.indexOf(' ')).toLowerCase()
    if (scheme === 'basic' && options.apiKeys !== undefined) {
      return authenticateApiKey(value, { ...options.apiKeys, realm })
    }
    if (scheme === 'bearer' && options.jwt !== undefined) {
      const token = value.slice(value.indexOf(' ') + 1).trim()
      if (token === '') throw _unauthenticated('The Authorization header holds no bearer token', challenge)
      return options.jwt.verify(token)
    }
    throw _unauthenticated(
      `The API does not accept ${_schemeName(scheme)} credentials; use ${schemes.join(' or ')}`,
      challenge,
    )
  }

  return {
    schemes,
    authenticateOptional,
    async authenticate(request) {
      const principal = await authenticateOptional(request)
      if (principal === undefined) throw _unauthenticated('The request carries no credentials', challenge)
      return principal
    },
  }
}

function _schemeName(scheme: string): string {
  return /^[a-z0-9-]{1,20}$/.test(scheme) ? `"${scheme}"` : 'these'
}
