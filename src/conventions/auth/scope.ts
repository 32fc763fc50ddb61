import { HttpProblem } from '../error/index.ts'
import { formatChallenge } from './challenge.ts'
import type { Principal } from './principal.ts'

/**
 * Refuses a principal that lacks any of the required scopes with 403 FORBIDDEN; for bearer tokens
 * the response also carries the RFC 6750 `insufficient_scope` challenge naming them.
 *
 * @example
 * requireScopes(principal, ['partner:create'])
 */
export function requireScopes(
  principal: Principal,
  required: readonly string[],
  options: { readonly realm?: string } = {},
): void {
  const missing = required.filter((scope) => !principal.scopes.includes(scope))
  if (missing.length === 0) return
  const list = missing.join(' ')
  throw new HttpProblem({
    status: 403,
    code: 'FORBIDDEN',
    message: `The credentials lack the ${missing.length === 1 ? 'scope' : 'scopes'} ${missing.join(', ')} this request needs`,
    suggestion:
      principal.via === 'jwt'
        ? `Request an access token that includes the scope ${list}`
        : `Use an API key that carries the scope ${list}`,
    ...(principal.via === 'jwt'
      ? {
          headers: {
            'WWW-Authenticate': formatChallenge(['Bearer'], options.realm ?? 'api', {
              error: 'insufficient_scope',
              description: 'The access token lacks a required scope',
              scope: required.join(' '),
            }),
          },
        }
      : {}),
  })
}
