import {
  type Authenticator,
  type Principal,
  requireSecureTransport,
  type TransportOptions,
} from '../conventions/auth/index.ts'
import { HttpProblem } from '../conventions/error/index.ts'
import {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitSubject,
} from '../conventions/rate-limit/index.ts'

/** The platform conventions, each off unless configured; the same options on every adapter. */
export interface ConventionsOptions {
  /** Refuse plain HTTP with 403 INSECURE_TRANSPORT; `{ trustProxy: true }` behind a TLS-terminating proxy. */
  readonly requireHttps?: boolean | TransportOptions
  /** Authenticate every request; routes opt out with `auth: 'optional'`. */
  readonly auth?: { readonly authenticator: Authenticator; readonly required?: boolean }
  /** A limiter, or the options to create one (in-memory store unless a Redis store is given). */
  readonly rateLimit?: RateLimiter | RateLimiterOptions
}

/** What the conventions read of a request. */
export interface ConventionRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** `http` or `https`, as the connection to this server used. */
  readonly protocol: string
  /** The client address, after the adapter's own proxy trust rules. */
  readonly ip: string
  /** The route's own authentication setting (`auth: 'optional'` lets anonymous requests through). */
  readonly auth: 'required' | 'optional' | undefined
}

/** The outcome: who is calling, the headers every answer carries, and the refusal if any. */
export interface ConventionOutcome {
  readonly principal: Principal | undefined
  readonly headers: Readonly<Record<string, string>>
  /** The 401 / 403 / 429 to answer instead of the route, with `headers` on it. */
  readonly problem?: HttpProblem
  /** Frees the request's in-flight slot; call it once the answer is written. */
  release(): Promise<void>
}

/** The authentication step in two halves, so the rate limit can run between them. */
export interface AuthSteps {
  /** Reads credentials; a failure is kept for `enforce`, not thrown. */
  identify(request: { headers: ConventionRequest['headers']; protocol: string }): Promise<{
    principal?: Principal
    failure?: unknown
  }>
  /**
   * Throws the kept failure, or a 401 when the route needs a principal and the request has none;
   * `mode` is the route's own setting (the API's default when absent).
   */
  enforce(
    identified: { principal?: Principal; failure?: unknown },
    mode: 'required' | 'optional' | undefined,
    protocol: string,
  ): Promise<void>
}

/**
 * Authentication as two runtime steps. Bad credentials are remembered by `identify` and thrown by
 * `enforce`, so a rate limit between them counts them against the client's address: guessing keys
 * costs budget like any other request.
 *
 * @example
 * const auth = authSteps(authenticator, true)
 */
export function authSteps(authenticator: Authenticator, required = true): AuthSteps {
  return {
    async identify(request) {
      try {
        const principal = await authenticator.authenticateOptional(request)
        return principal === undefined ? {} : { principal }
      } catch (failure) {
        return { failure }
      }
    },
    async enforce(identified, mode, protocol) {
      if (identified.failure !== undefined) throw identified.failure
      if (identified.principal !== undefined || (mode ?? (required ? 'required' : 'optional')) === 'optional') return
      // authenticate() refuses a request without credentials with the 401 naming every accepted scheme.
      await authenticator.authenticate({ headers: {}, protocol })
      throw new HttpProblem({ status: 401, code: 'UNAUTHENTICATED', message: 'The request carries no credentials' })
    },
  }
}

const isLimiter = (value: RateLimiter | RateLimiterOptions): value is RateLimiter =>
  typeof (value as Partial<RateLimiter>).acquire === 'function'

const _nothing = async (): Promise<void> => {}

/**
 * The conventions as one runtime step, in the order the seed implies: refuse plain HTTP, identify
 * the caller, spend its rate-limit budgets (per principal and organization, per address when
 * anonymous), then refuse missing or bad credentials.
 *
 * @example
 * const admit = createConventions({ auth: { authenticator }, rateLimit: { principal: { limit: 50, windowSeconds: 10 } } })
 * const outcome = await admit({ headers, protocol: 'https', ip, auth: undefined })
 */
export function createConventions(
  options: ConventionsOptions,
): (request: ConventionRequest) => Promise<ConventionOutcome> {
  const transport =
    options.requireHttps === undefined || options.requireHttps === false
      ? undefined
      : options.requireHttps === true
        ? {}
        : options.requireHttps
  const auth = options.auth === undefined ? undefined : authSteps(options.auth.authenticator, options.auth.required)
  const limiter =
    options.rateLimit === undefined
      ? undefined
      : isLimiter(options.rateLimit)
        ? options.rateLimit
        : createRateLimiter(options.rateLimit)
  return async (request) => {
    let headers: Readonly<Record<string, string>> = {}
    let release = _nothing
    try {
      if (transport !== undefined) requireSecureTransport(request, transport)
      const identified = auth === undefined ? {} : await auth.identify(request)
      if (limiter !== undefined) {
        const subject: RateLimitSubject = { principal: identified.principal, ip: request.ip }
        const decision = await limiter.acquire(subject)
        headers = decision.headers
        release = decision.release
        if (decision.problem !== undefined) throw decision.problem
      }
      await auth?.enforce(identified, request.auth, request.protocol)
      return { principal: identified.principal, headers, release }
    } catch (error) {
      if (error instanceof HttpProblem) return { principal: undefined, headers, problem: error, release }
      throw error
    }
  }
}
