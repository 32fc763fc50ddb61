/** `Idempotency-Key` support: the first response per principal and key stored and replayed. */

/** Request fingerprints: what makes a repeat "the same request". */
export { requestFingerprint } from './fingerprint.ts'
export {
  createIdempotency,
  type Idempotency,
  type IdempotencyDecision,
  type IdempotencyOptions,
  type IdempotentRequest,
} from './idempotency.ts'
/** Stores: the interface, and one over kysely for SQLite or PostgreSQL. */
export { type IdempotencyTable, sqlIdempotencyStore } from './sql-store.ts'
export type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './store.ts'
