/** API keys: generation and peppered HMAC-SHA256 storage of secrets. */
export { type GeneratedApiKey, generateApiKey, hashApiKeySecret, verifyApiKeySecret } from './api-key-secret.ts'
/** API key stores; deleting an owner deletes its keys. */
export {
  type ApiKeyRecord,
  type ApiKeyStore,
  createMemoryApiKeyStore,
  type KeyOwner,
  type MemoryApiKeyStore,
} from './api-key-store.ts'
/** One entry point for API keys and bearer JWTs, with optional HTTPS enforcement. */
export { type Authenticator, type AuthenticatorOptions, createAuthenticator } from './authenticator.ts'
/** HTTP Basic authentication with API keys. */
export { type ApiKeyAuthOptions, authenticateApiKey, parseBasicCredentials } from './basic.ts'
/** `WWW-Authenticate` challenges. */
export { type AuthScheme, type BearerError, formatChallenge } from './challenge.ts'
/** OAuth2 bearer JWTs verified against a local or remote JWKS. */
export { createJwtVerifier, type JwtIdentity, type JwtVerifier, type JwtVerifierOptions, scopesOf } from './jwt.ts'
/** The authenticated caller, whichever credential it used. */
export type { AuthRequest, HeaderInput, Principal, PrincipalKind } from './principal.ts'
/** Authorization by scope. */
export { requireScopes } from './scope.ts'
/** Refusing plain HTTP. */
export { isSecureTransport, requireSecureTransport, type TransportOptions } from './transport.ts'
