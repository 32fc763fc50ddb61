import { HttpProblem } from '../error/index.ts'
import { _header, type AuthRequest } from './principal.ts'

/** How to tell whether a request arrived over HTTPS. */
export interface TransportOptions {
  /**
   * Trust `Forwarded: proto=` and `X-Forwarded-Proto` set by a TLS-terminating proxy in front of
   * this server. Leave false when clients can reach the server directly, or they can forge it.
   */
  readonly trustProxy?: boolean
}

/**
 * Tells whether the client's request came over HTTPS: the connection's protocol, or with
 * `trustProxy` the first (client-facing) hop's protocol from the forwarding headers.
 *
 * @example
 * isSecureTransport({ protocol: 'http', headers: { 'x-forwarded-proto': 'https' } }, { trustProxy: true }) // true
 */
export function isSecureTransport(request: AuthRequest, options: TransportOptions = {}): boolean {
  if (options.trustProxy) {
    const forwarded = _first(_header(request.headers, 'forwarded'))
    const proto =
      forwarded === undefined ? undefined : /(?:^|;)\s*proto="?([A-Za-z][A-Za-z0-9+.-]*)"?/i.exec(forwarded)?.[1]
    const claimed = proto ?? _first(_header(request.headers, 'x-forwarded-proto'))
    if (claimed !== undefined) return claimed.trim().toLowerCase() === 'https'
  }
  return request.protocol?.toLowerCase() === 'https'
}

/**
 * Refuses a request made over plain HTTP with 403 INSECURE_TRANSPORT, as the seed says ("Calls
 * made over plain HTTP will fail").
 *
 * @example
 * requireSecureTransport({ protocol: request.protocol, headers: request.headers }, { trustProxy: true })
 */
export function requireSecureTransport(request: AuthRequest, options: TransportOptions = {}): void {
  if (isSecureTransport(request, options)) return
  throw new HttpProblem({
    status: 403,
    code: 'INSECURE_TRANSPORT',
    message: 'The API accepts requests over HTTPS only',
    suggestion: 'Send the request to the https:// address of the API, and rotate any credentials sent over plain HTTP',
  })
}

/** The first element of a comma-separated header: the hop nearest the client. */
function _first(value: string | readonly string[] | undefined): string | undefined {
  const text = typeof value === 'string' ? value : value?.[0]
  return text?.split(',')[0]?.trim() || undefined
}
