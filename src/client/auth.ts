import { basicCredentials } from './basic-credentials.ts'
import { ClientOptionsError } from './client-options-error.ts'
import { createTokenSource, type OAuth2ClientCredentials } from './oauth2.ts'

/** How requests authenticate: an API key (HTTP Basic), a bearer token, or OAuth2 client credentials. */
export type AuthOptions =
  | { readonly apiKey: { readonly id: string; readonly secret: string } }
  | { readonly bearer: string | (() => string | Promise<string>) }
  | { readonly oauth2: OAuth2ClientCredentials }

/** Produces the `Authorization` header of each attempt. */
export interface Authorizer {
  header(): Promise<string | undefined>
  /** Drops a cached token after a 401; `true` when a fresh one may fix it. */
  invalidate(): boolean
}

const none: Authorizer = { header: async () => undefined, invalidate: () => false }

/**
 * Builds the authorizer of a client's `auth` option; a malformed option throws naming the fix.
 *
 * @example
 * await createAuthorizer({ apiKey: { id: 'KEY', secret: 's3cret' } }, fetch).header() // 'Basic S0VZOnMzY3JldA=='
 */
export function createAuthorizer(auth: AuthOptions | undefined, fetchImpl: typeof fetch): Authorizer {
  if (auth === undefined) return none
  if ('apiKey' in auth) {
    const { id, secret } = auth.apiKey ?? {}
    if (typeof id !== 'string' || id === '' || id.includes(':') || typeof secret !== 'string')
      throw new ClientOptionsError('auth.apiKey needs { id, secret } strings, and the id may not contain ":".')
    const value = basicCredentials(id, secret)
    return { header: async () => value, invalidate: () => false }
  }
  if ('bearer' in auth) {
    const bearer = auth.bearer
    if (typeof bearer !== 'string' && typeof bearer !== 'function')
      throw new ClientOptionsError('auth.bearer must be a token string or a function returning one.')
    return {
      header: async () => `Bearer ${typeof bearer === 'string' ? bearer : await bearer()}`,
      invalidate: () => typeof bearer === 'function',
    }
  }
  if ('oauth2' in auth) {
    const o = auth.oauth2
    for (const name of ['tokenUrl', 'clientId', 'clientSecret'] as const) {
      if (typeof o?.[name] !== 'string' || o[name] === '')
        throw new ClientOptionsError(`auth.oauth2.${name} must be a non-empty string.`)
    }
    try {
      new URL(o.tokenUrl)
    } catch {
      throw new ClientOptionsError(`auth.oauth2.tokenUrl must be an absolute URL; got '${o.tokenUrl}'.`)
    }
    const tokens = createTokenSource(o, fetchImpl)
    return {
      header: async () => `Bearer ${await tokens.token()}`,
      invalidate: () => {
        tokens.invalidate()
        return true
      },
    }
  }
  throw new ClientOptionsError('auth must be { apiKey: { id, secret } }, { bearer } or { oauth2: { tokenUrl, ... } }.')
}
