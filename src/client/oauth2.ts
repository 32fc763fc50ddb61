import { ApiError } from './api-error.ts'
import { basicCredentials } from './basic-credentials.ts'
import { ClientError } from './client-error.ts'
import { NetworkError } from './network-error.ts'

/** OAuth2 client credentials (RFC 6749 §4.4): where to get a token and who asks. */
export interface OAuth2ClientCredentials {
  readonly tokenUrl: string
  readonly clientId: string
  readonly clientSecret: string
  readonly scope?: string
  readonly audience?: string
  /** Fetch a new token this long before the current one expires. Default 60 s. */
  readonly refreshBeforeSeconds?: number
  /** `basic` (client_secret_basic, the default) or `body` (client_secret_post). */
  readonly clientAuth?: 'basic' | 'body'
}

/** Hands out a valid access token, fetching one when none is cached or it is about to expire. */
export interface TokenSource {
  token(): Promise<string>
  /** Forgets the cached token (after the API answered 401 to it). */
  invalidate(): void
}

/**
 * A token source for the client credentials grant; concurrent callers share one token request.
 *
 * @example
 * const tokens = createTokenSource({ tokenUrl, clientId, clientSecret }, fetch)
 * headers.set('authorization', `Bearer ${await tokens.token()}`)
 */
export function createTokenSource(
  options: OAuth2ClientCredentials,
  fetchImpl: typeof fetch,
  nowMs: () => number = Date.now,
): TokenSource {
  let cached: { token: string; refreshAt: number } | undefined
  let pending: Promise<string> | undefined
  const refreshBeforeMs = (options.refreshBeforeSeconds ?? 60) * 1000
  const fetchToken = async (): Promise<string> => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' })
    if (options.scope !== undefined) form.set('scope', options.scope)
    if (options.audience !== undefined) form.set('audience', options.audience)
    const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' })
    if (options.clientAuth === 'body') {
      form.set('client_id', options.clientId)
      form.set('client_secret', options.clientSecret)
    } else {
      headers.set('authorization', basicCredentials(options.clientId, options.clientSecret))
    }
    const started = nowMs()
    let res: Response
    let text: string
    try {
      res = await fetchImpl(options.tokenUrl, { method: 'POST', headers, body: form.toString() })
      text = await res.text()
    } catch (error) {
      throw new NetworkError('POST', options.tokenUrl, 1, error)
    }
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {}
    if (!res.ok) {
      const init = { method: 'POST', url: options.tokenUrl, status: res.status, headers: res.headers, body }
      throw new ApiError({ ...init, retryAfter: undefined, version: undefined })
    }
    const grant = body as { access_token?: unknown; expires_in?: unknown }
    if (typeof grant.access_token !== 'string' || grant.access_token === '')
      throw new ClientError(`POST ${options.tokenUrl} answered ${res.status} without an access_token`)
    const lifetimeMs = typeof grant.expires_in === 'number' ? grant.expires_in * 1000 : Number.POSITIVE_INFINITY
    // Short-lived tokens are refreshed halfway rather than never being fresh enough.
    const margin = Math.min(refreshBeforeMs, lifetimeMs / 2)
    cached = { token: grant.access_token, refreshAt: started + lifetimeMs - margin }
    return grant.access_token
  }
  return {
    async token() {
      if (cached !== undefined && nowMs() < cached.refreshAt) return cached.token
      pending ??= fetchToken().finally(() => {
        pending = undefined
      })
      return pending
    },
    invalidate() {
      cached = undefined
    },
  }
}
