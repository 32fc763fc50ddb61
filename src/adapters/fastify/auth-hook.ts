import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Authenticator, Principal } from '../../conventions/auth/index.ts'
import { HttpProblem } from '../../conventions/error/index.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; `undefined` before authentication or for anonymous requests. */
    principal: Principal | undefined
  }
  interface FastifyContextConfig {
    /** `optional` lets anonymous requests reach the route (they are still rate-limited by address). */
    auth?: 'required' | 'optional'
  }
}

/** Options of {@link createAuthHooks}. */
export interface AuthHookOptions {
  readonly authenticator: Authenticator
  /** Whether routes need a principal unless their `config.auth` says `optional`; default true. */
  readonly required?: boolean
}

/** The two halves of authentication, so a rate limit can run between them. */
export interface AuthHooks {
  /** Reads credentials and sets `request.principal`; a failure is kept for `enforce`, not thrown. */
  readonly identify: onRequestAsyncHookHandler
  /** Throws the kept 401, or a 401 when the route needs a principal and the request has none. */
  readonly enforce: onRequestAsyncHookHandler
}

const kAuthFailure = Symbol('strata.authFailure')
type _WithFailure = FastifyRequest & { [kAuthFailure]?: unknown }

/**
 * Creates the authentication hooks of the conventions plugin. Bad credentials are remembered by
 * `identify` and thrown by `enforce`, so the rate limit in between counts them against the
 * client's address: guessing keys costs budget like any other request.
 *
 * @example
 * const auth = createAuthHooks({ authenticator: createAuthenticator({ apiKeys: { store, pepper } }) })
 * app.addHook('onRequest', auth.identify)
 * app.addHook('onRequest', auth.enforce)
 */
export function createAuthHooks(options: AuthHookOptions): AuthHooks {
  const { authenticator } = options
  const required = options.required ?? true
  return {
    async identify(request: FastifyRequest, _reply: FastifyReply) {
      try {
        request.principal = await authenticator.authenticateOptional({
          headers: request.headers,
          protocol: request.protocol,
        })
      } catch (error) {
        ;(request as _WithFailure)[kAuthFailure] = error
      }
    },
    async enforce(request: FastifyRequest, _reply: FastifyReply) {
      const failure = (request as _WithFailure)[kAuthFailure]
      if (failure !== undefined) throw failure
      if (request.principal !== undefined) return
      const mode = request.routeOptions.config?.auth ?? (required ? 'required' : 'optional')
      if (mode === 'optional') return
      // authenticate() refuses a request without credentials with the 401 naming every accepted scheme.
      await authenticator.authenticate({ headers: {}, protocol: request.protocol })
      throw new HttpProblem({ status: 401, code: 'UNAUTHENTICATED', message: 'The request carries no credentials' })
    },
  }
}
