/** A response as it was sent, kept so a repeat of its request gets it again byte for byte. */
export interface StoredResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** What a store holds for one (principal, key). */
export type IdempotencyRecord =
  | { readonly state: 'pending'; readonly fingerprint: string }
  | { readonly state: 'done'; readonly fingerprint: string; readonly response: StoredResponse }

/**
 * Where idempotency records live. `claim` must be atomic: of several concurrent claims of one key,
 * exactly one gets `undefined` (it may run the request); the others get what is recorded.
 */
export interface IdempotencyStore {
  /** Records a pending request unless the key is held and unexpired; returns the existing record if it is. */
  claim(
    scope: string,
    key: string,
    fingerprint: string,
    now: Date,
    expiresAt: Date,
  ): Promise<IdempotencyRecord | undefined>
  /** Stores the response of a claimed request, kept until `expiresAt`. */
  complete(scope: string, key: string, response: StoredResponse, expiresAt: Date): Promise<void>
  /** Drops a claim whose request failed, so a retry may run it. */
  release(scope: string, key: string): Promise<void>
  /** Deletes expired records; resolves with how many. */
  purge(now: Date): Promise<number>
}
