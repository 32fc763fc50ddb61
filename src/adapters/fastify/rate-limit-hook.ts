import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import type { RateLimiter, RateLimitSubject } from '../../conventions/rate-limit/index.ts'

/** Options of {@link createRateLimitHook}. */
export interface RateLimitHookOptions {
  readonly limiter: RateLimiter
  /**
   * Who a request counts against; defaults to `request.principal` (set by the auth hooks) and
   * `request.ip` (which follows Fastify's `trustProxy`).
   */
  readonly subject?: (request: FastifyRequest) => RateLimitSubject
}

/**
 * Creates an `onRequest` hook that spends the request's rate-limit budgets, puts
 * `X-RateLimit-*`, `RateLimit` and `RateLimit-Policy` on the response whatever its status, answers
 * 429 RATE_LIMITED with `Retry-After` when a budget is spent, and frees the in-flight slot when
 * the response ends (or the client goes away).
 *
 * @example
 * app.addHook('onRequest', createRateLimitHook({ limiter: createRateLimiter({ principal: { limit: 50, windowSeconds: 10 } }) }))
 */
export function createRateLimitHook(options: RateLimitHookOptions): onRequestAsyncHookHandler {
  const { limiter } = options
  const subjectOf =
    options.subject ??
    ((request: FastifyRequest): RateLimitSubject => ({ principal: request.principal, ip: request.ip }))
  return async function rateLimit(request: FastifyRequest, reply: FastifyReply) {
    const decision = await limiter.acquire(subjectOf(request))
    // 'close' follows 'finish' and also fires when the client disconnects first, so a slot is never leaked.
    reply.raw.once('close', () => {
      decision.release().catch((error: unknown) => request.log.warn({ err: error }, 'rate limit slot release failed'))
    })
    reply.headers(decision.headers)
    if (decision.problem !== undefined) throw decision.problem
  }
}
