import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type Authenticator, requireSecureTransport, type TransportOptions } from '../../conventions/auth/index.ts'
import {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitSubject,
} from '../../conventions/rate-limit/index.ts'
import { StrataError } from '../../error/index.ts'
import { createAuthHooks } from './auth-hook.ts'
import { createRateLimitHook } from './rate-limit-hook.ts'

/** Options of the {@link conventions} plugin; each convention is off unless configured. */
export interface ConventionsOptions {
  /** Refuse plain HTTP with 403 INSECURE_TRANSPORT; `{ trustProxy: true }` behind a TLS-terminating proxy. */
  readonly requireHttps?: boolean | TransportOptions
  /** Authenticate every request; routes opt out with `config: { auth: 'optional' }`. */
  readonly auth?: { readonly authenticator: Authenticator; readonly required?: boolean }
  /** A limiter, or the options to create one (in-memory store unless a Redis store is given). */
  readonly rateLimit?: RateLimiter | RateLimiterOptions
  /** Who a request counts against; defaults to `request.principal` and `request.ip`. */
  readonly rateLimitSubject?: (request: FastifyRequest) => RateLimitSubject
}

const kConventions = Symbol.for('strata.conventions')

/** The options the conventions plugin was registered with on this app, for contracts. */
export const conventionsOf = (app: FastifyInstance): ConventionsOptions | undefined =>
  (app as unknown as Record<symbol, ConventionsOptions | undefined>)[kConventions]

const isLimiter = (value: RateLimiter | RateLimiterOptions): value is RateLimiter =>
  typeof (value as Partial<RateLimiter>).acquire === 'function'

async function conventionsPlugin(app: FastifyInstance, options: ConventionsOptions): Promise<void> {
  if (app.hasPlugin('strata')) {
    throw new StrataError(
      'STRATA_ERR_CONVENTIONS_ORDER',
      'The conventions plugin was registered after the strata plugin, so version negotiation would run before authentication; register conventions first.',
    )
  }
  app.decorateRequest('principal', undefined)
  app.decorate(kConventions, options)
  if (options.requireHttps !== undefined && options.requireHttps !== false) {
    const transport = options.requireHttps === true ? {} : options.requireHttps
    app.addHook('onRequest', async (request) => {
      requireSecureTransport({ headers: request.headers, protocol: request.protocol }, transport)
    })
  }
  const auth = options.auth === undefined ? undefined : createAuthHooks(options.auth)
  if (auth !== undefined) app.addHook('onRequest', auth.identify)
  if (options.rateLimit !== undefined) {
    const limiter = isLimiter(options.rateLimit) ? options.rateLimit : createRateLimiter(options.rateLimit)
    const subject = options.rateLimitSubject
    app.addHook('onRequest', createRateLimitHook({ limiter, ...(subject !== undefined ? { subject } : {}) }))
  }
  if (auth !== undefined) app.addHook('onRequest', auth.enforce)
}

/**
 * The platform conventions for Fastify, in the order the seed implies: refuse plain HTTP, identify
 * the caller, spend its rate-limit budgets (per principal and organization, per address when
 * anonymous), then refuse missing or bad credentials. Register it before `strata` and pass
 * `principal: (req) => req.principal` to `strata`, so principals feed pins and early-access grants.
 *
 * @example
 * await app.register(conventions, {
 *   auth: { authenticator: createAuthenticator({ apiKeys: { store, pepper } }) },
 *   rateLimit: { principal: { limit: 50, windowSeconds: 10 }, ip: { limit: 20, windowSeconds: 10 } },
 * })
 * await app.register(strata, { api, principal: (req) => req.principal })
 */
export const conventions = fp(conventionsPlugin, { name: 'strata-conventions', fastify: '5.x' })
