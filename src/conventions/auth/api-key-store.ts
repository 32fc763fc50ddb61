import { StrataError } from '../../error/index.ts'
import type { PrincipalKind } from './principal.ts'

/** The user or service account an API key belongs to; the key acts with its owner's identity. */
export interface KeyOwner {
  readonly id: string
  readonly kind: PrincipalKind
  readonly organizationId?: string
}

/** A stored API key: its id, the HMAC of its secret (never the secret), and its owner. */
export interface ApiKeyRecord {
  readonly id: string
  /** From `hashApiKeySecret`. */
  readonly secretHash: string
  readonly owner: KeyOwner
  /** Scopes the key carries; empty when access is decided by the owner's roles elsewhere. */
  readonly scopes?: readonly string[]
}

/**
 * Where API keys are looked up. A key never outlives its owner: an implementation must delete (or
 * stop returning) every key of a user or service account when that owner is deleted, as the
 * Confluent seed promises ("API keys are automatically deleted when the associated user or service
 * account is deleted"); in SQL, a foreign key with `ON DELETE CASCADE` does this.
 */
export interface ApiKeyStore {
  /** The key with this id, or `undefined`; called once per authenticated request. */
  findKey(id: string): Promise<ApiKeyRecord | undefined> | ApiKeyRecord | undefined
}

/** An in-memory {@link ApiKeyStore} that also holds owners, for tests, examples and single instances. */
export interface MemoryApiKeyStore extends ApiKeyStore {
  addOwner(owner: KeyOwner): void
  /** Deletes an owner and every key it owns; returns how many keys went with it. */
  deleteOwner(ownerId: string): number
  /** Adds a key to an existing owner; throws when the owner is unknown or the id is taken. */
  addKey(key: {
    readonly id: string
    readonly secretHash: string
    readonly ownerId: string
    readonly scopes?: readonly string[]
  }): ApiKeyRecord
  deleteKey(id: string): boolean
  listKeys(ownerId: string): ApiKeyRecord[]
}

/**
 * Creates an in-memory key store in which deleting a user or service account deletes its keys.
 *
 * @example
 * const keys = createMemoryApiKeyStore()
 * keys.addOwner({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1' })
 * keys.addKey({ id, ownerId: 'sa-1', secretHash: hashApiKeySecret(secret, pepper) })
 */
export function createMemoryApiKeyStore(): MemoryApiKeyStore {
  const owners = new Map<string, KeyOwner>()
  const keys = new Map<string, ApiKeyRecord>()
  return {
    findKey: (id) => keys.get(id),
    addOwner(owner) {
      if (owners.has(owner.id))
        throw new StrataError(
          'STRATA_ERR_AUTH_OWNER_EXISTS',
          `Owner ${owner.id} already exists; owner ids are never reused.`,
        )
      owners.set(owner.id, owner)
    },
    deleteOwner(ownerId) {
      if (!owners.delete(ownerId)) return 0
      let deleted = 0
      for (const [id, key] of keys) {
        if (key.owner.id !== ownerId) continue
        keys.delete(id)
        deleted += 1
      }
      return deleted
    },
    addKey(key) {
      const owner = owners.get(key.ownerId)
      if (owner === undefined)
        throw new StrataError(
          'STRATA_ERR_AUTH_UNKNOWN_OWNER',
          `Owner ${key.ownerId} does not exist; add the owner before its keys.`,
        )
      if (keys.has(key.id))
        throw new StrataError('STRATA_ERR_AUTH_KEY_EXISTS', `API key ${key.id} already exists; generate a new id.`)
      const record: ApiKeyRecord = {
        id: key.id,
        secretHash: key.secretHash,
        owner,
        ...(key.scopes !== undefined ? { scopes: key.scopes } : {}),
      }
      keys.set(key.id, record)
      return record
    },
    deleteKey: (id) => keys.delete(id),
    listKeys: (ownerId) => [...keys.values()].filter((key) => key.owner.id === ownerId),
  }
}
