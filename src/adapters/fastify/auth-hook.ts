import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { Authenticator, Principal } from '../../conventions/auth/index.ts'
import { authSteps } from '../../runtime/index.ts'

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

const kIdentified = Symbol('strata.identified')
type _WithIdentified = FastifyRequest & { [kIdentified]?: { principal?: Principal; failure?: unknown } }

/**
 * Creates the authentication hooks of the conventions plugin, on the runtime's two authentication
 * steps: bad credentials are remembered by `identify` and thrown by `enforce`, so the rate limit in
 * between counts them against the client's address.
 *
 * @example
 * const auth = createAuthHooks({ authenticator: createAuthenticator({ apiKeys: { store, pepper } }) })
 * app.addHook('onRequest', auth.identify)
 * app.addHook('onRequest', auth.enforce)
 */
export function createAuthHooks(options: AuthHookOptions): AuthHooks {
  const steps = authSteps(options.authenticator, options.required ?? true)
  return {
    async identify(request: FastifyRequest, _reply: FastifyReply) {
      const identified = await steps.identify({ headers: request.headers, protocol: request.protocol })
      ;(request as _WithIdentified)[kIdentified] = identified
      request.principal = identified.principal
    },
    async enforce(request: FastifyRequest, _reply: FastifyReply) {
      const identified = (request as _WithIdentified)[kIdentified] ?? {}
      await steps.enforce(identified, request.routeOptions.config?.auth, request.protocol)
    },
  }
}
