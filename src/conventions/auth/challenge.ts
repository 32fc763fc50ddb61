import { HttpProblem } from '../error/index.ts'

/** The authentication schemes an API accepts, for `WWW-Authenticate`. */
export type AuthScheme = 'Basic' | 'Bearer'

/** An RFC 6750 bearer error code. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope'

/**
 * Writes a `WWW-Authenticate` challenge list, one challenge per scheme (RFC 9110 §11.6.1).
 *
 * @example
 * formatChallenge(['Basic', 'Bearer'], 'api') // 'Basic realm="api", charset="UTF-8", Bearer realm="api"'
 */
export function formatChallenge(
  schemes: readonly AuthScheme[],
  realm: string,
  bearer: { readonly error?: BearerError; readonly description?: string; readonly scope?: string } = {},
): string {
  return schemes
    .map((scheme) => {
      const params = [`realm=${_quoted(realm)}`]
      if (scheme === 'Basic') params.push('charset="UTF-8"')
      if (scheme === 'Bearer' && bearer.error !== undefined) {
        params.push(`error=${_quoted(bearer.error)}`)
        if (bearer.description !== undefined) params.push(`error_description=${_quoted(bearer.description)}`)
        if (bearer.scope !== undefined) params.push(`scope=${_quoted(bearer.scope)}`)
      }
      return `${scheme} ${params.join(', ')}`
    })
    .join(', ')
}

/**
 * The 401 UNAUTHENTICATED problem with its `WWW-Authenticate` challenge.
 *
 * @example
 * throw _unauthenticated('The API key or secret is not valid', formatChallenge(['Basic'], 'api'))
 */
export function _unauthenticated(message: string, challenge: string, suggestion?: string): HttpProblem {
  return new HttpProblem({
    status: 401,
    code: 'UNAUTHENTICATED',
    message,
    suggestion:
      suggestion ??
      'Send an API key as HTTP Basic credentials (key id as user name, secret as password) or a valid bearer token',
    headers: { 'WWW-Authenticate': challenge },
  })
}

function _quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`
}
