import { HttpProblem } from '../error/problem.ts'
import { requestFingerprint } from './fingerprint.ts'
import type { IdempotencyStore, StoredResponse } from './store.ts'

/** How long records are kept, and where. */
export interface IdempotencyOptions {
  readonly store: IdempotencyStore
  /** How long a stored response is replayed. Default 24 hours. */
  readonly ttlSeconds?: number
  /** How long a request may hold its key before a repeat may take it over (a crashed server). Default 60 s. */
  readonly pendingSeconds?: number
  readonly clock?: () => Date
}

/** A request that carries an `Idempotency-Key`, seen without any framework. */
export interface IdempotentRequest {
  /** Whose key it is: keys of different principals never meet. */
  readonly principal: string
  readonly key: string
  readonly method: string
  /** The path (with any version segment), without the query. */
  readonly path: string
  /** Anything else that makes a response differ, e.g. the negotiated version of a header-versioned API. */
  readonly variant?: string
  readonly body: unknown
}

/** What to do with a request: run it (then `complete` or `release`), or send the stored response. */
export type IdempotencyDecision =
  | {
      readonly action: 'proceed'
      /** Stores the response to replay; responses of 5xx should be released instead. */
      complete(response: StoredResponse): Promise<void>
      /** Forgets the claim, so a retry runs the request again. */
      release(): Promise<void>
    }
  | { readonly action: 'replay'; readonly response: StoredResponse }

const KEY = /^[\x21-\x7e]{1,255}$/

/**
 * `Idempotency-Key` support, framework-free: the first response to a (principal, key) is stored and
 * replayed for every repeat; a repeat with another body is a 422, a repeat while the first still
 * runs a 409, a malformed key a 400, each an {@link HttpProblem} the API renders in its envelope.
 *
 * @example
 * const idempotency = createIdempotency({ store: sqlIdempotencyStore(db) })
 * const decision = await idempotency.begin({ principal: 'sa-1', key, method: 'POST', path, body })
 */
export function createIdempotency(options: IdempotencyOptions) {
  const ttlMs = (options.ttlSeconds ?? 86_400) * 1000
  const pendingMs = (options.pendingSeconds ?? 60) * 1000
  const clock = options.clock ?? (() => new Date())
  return {
    async begin(request: IdempotentRequest): Promise<IdempotencyDecision> {
      if (!KEY.test(request.key)) {
        throw new HttpProblem({
          status: 400,
          code: 'IDEMPOTENCY_KEY_INVALID',
          message: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters',
          suggestion: 'Send a random UUID as the Idempotency-Key',
        })
      }
      const fingerprint = requestFingerprint(request)
      const now = clock()
      const { store } = options
      const held = await store.claim(
        request.principal,
        request.key,
        fingerprint,
        now,
        new Date(now.getTime() + pendingMs),
      )
      if (held === undefined) {
        return {
          action: 'proceed',
          complete: (response) =>
            store.complete(request.principal, request.key, response, new Date(clock().getTime() + ttlMs)),
          release: () => store.release(request.principal, request.key),
        }
      }
      if (held.fingerprint !== fingerprint) {
        throw new HttpProblem({
          status: 422,
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: `The Idempotency-Key ${request.key} was used for a different request`,
          suggestion: 'Send a new Idempotency-Key for a new request; repeat a request only with the same body',
        })
      }
      if (held.state === 'pending') {
        throw new HttpProblem({
          status: 409,
          code: 'IDEMPOTENCY_KEY_IN_USE',
          message: `A request with the Idempotency-Key ${request.key} is still being processed`,
          suggestion: 'Retry after a moment to get its response',
          headers: { 'Retry-After': '1' },
        })
      }
      return { action: 'replay', response: held.response }
    },
  }
}

/** The idempotency support of one API. */
export type Idempotency = ReturnType<typeof createIdempotency>
