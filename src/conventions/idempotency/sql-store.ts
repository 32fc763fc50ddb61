import type { Kysely } from 'kysely'
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './store.ts'

/** The table an SQL idempotency store keeps its records in. */
export interface IdempotencyTable {
  scope: string
  key: string
  fingerprint: string
  /** `pending` while the first request runs, `done` once its response is stored. */
  state: string
  status: number | null
  headers: string | null
  body: string | null
  /** ISO 8601, fixed width, so text comparison orders it on SQLite and PostgreSQL alike. */
  expires_at: string
}

type Tables = { strata_idempotency: IdempotencyTable }
const TABLE = 'strata_idempotency'

/**
 * An idempotency store over kysely, so the same code keeps records in SQLite (better-sqlite3) or
 * PostgreSQL (pg), whichever database the API already uses. Call `createTable()` once at start-up.
 *
 * @example
 * const store = sqlIdempotencyStore(db)
 * await store.createTable()
 */
export function sqlIdempotencyStore<DB>(database: Kysely<DB>): IdempotencyStore & { createTable(): Promise<void> } {
  const db = database.withTables<Tables>() as unknown as Kysely<Tables>
  const read = async (scope: string, key: string): Promise<IdempotencyTable | undefined> =>
    db.selectFrom(TABLE).selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst()
  const insert = async (row: IdempotencyTable): Promise<boolean> => {
    const result = await db
      .insertInto(TABLE)
      .values(row)
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }
  return {
    async createTable() {
      await db.schema
        .createTable(TABLE)
        .ifNotExists()
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('headers', 'text')
        .addColumn('body', 'text')
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${TABLE}_pk`, ['scope', 'key'])
        .execute()
    },
    async claim(scope, key, fingerprint, now, expiresAt) {
      const row = { scope, key, fingerprint, state: 'pending', status: null, headers: null, body: null }
      for (let round = 0; round < 2; round++) {
        if (await insert({ ...row, expires_at: expiresAt.toISOString() })) return undefined
        const existing = await read(scope, key)
        if (existing === undefined) continue
        if (existing.expires_at > now.toISOString()) return _record(existing)
        // Expired: only the claimant that deletes this exact row takes the key over.
        await db
          .deleteFrom(TABLE)
          .where('scope', '=', scope)
          .where('key', '=', key)
          .where('expires_at', '=', existing.expires_at)
          .execute()
      }
      const settled = await read(scope, key)
      return settled === undefined ? { state: 'pending', fingerprint } : _record(settled)
    },
    async complete(scope, key, response, expiresAt) {
      await db
        .updateTable(TABLE)
        .set({
          state: 'done',
          status: response.status,
          headers: JSON.stringify(response.headers),
          body: response.body,
          expires_at: expiresAt.toISOString(),
        })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute()
    },
    async release(scope, key) {
      await db
        .deleteFrom(TABLE)
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('state', '=', 'pending')
        .execute()
    },
    async purge(now) {
      const result = await db.deleteFrom(TABLE).where('expires_at', '<=', now.toISOString()).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
  }
}

function _record(row: IdempotencyTable): IdempotencyRecord {
  if (row.state !== 'done' || row.status === null) return { state: 'pending', fingerprint: row.fingerprint }
  const response: StoredResponse = {
    status: Number(row.status),
    headers: JSON.parse(row.headers ?? '{}') as Record<string, string>,
    body: row.body ?? '',
  }
  return { state: 'done', fingerprint: row.fingerprint, response }
}
