/** Who owns a credential: a person, or a service account for production workloads. */
export type PrincipalKind = 'user' | 'service-account'

/**
 * The authenticated caller, the same whether it came from an API key or a JWT; rate limits,
 * early-access grants and usage records key on `id` and `organizationId`.
 */
export interface Principal {
  /** The user or service account id (an API key's owner, a token's `sub`). */
  readonly id: string
  readonly kind: PrincipalKind
  readonly organizationId?: string
  readonly scopes: readonly string[]
  /** How the caller authenticated. */
  readonly via: 'api-key' | 'jwt'
  /** The API key id or the token's `jti`, for audit and per-key usage; absent when the token has none. */
  readonly credentialId?: string
}

/** Request headers as Node and most frameworks expose them (lower-case names). */
export type HeaderInput = Readonly<Record<string, string | readonly string[] | undefined>>

/** The parts of a request that authentication reads. */
export interface AuthRequest {
  readonly headers: HeaderInput
  /** The protocol the connection to this server used, `http` or `https`. */
  readonly protocol?: string
}

/**
 * Reads one header, case-insensitively; a header sent several times yields all its values.
 *
 * @example
 * _header({ authorization: 'Basic x' }, 'Authorization') // 'Basic x'
 */
export function _header(headers: HeaderInput, name: string): string | readonly string[] | undefined {
  const lower = name.toLowerCase()
  if (lower in headers) return headers[lower]
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value
  return undefined
}
