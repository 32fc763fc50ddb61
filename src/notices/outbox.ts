import type { Kysely } from 'kysely'
import type { OutboxRecord } from './outbox-record.ts'

/** The outbox table, beside the usage tables in the same database. */
export interface OutboxTable {
  principal: string
  /** `''` for the API-wide scope (a key column cannot be NULL). */
  scope: string
  version: string
  milestone: string
  state: string
  message_id: string | null
  recipient: string | null
  attempts: number
  last_error: string | null
  /** ISO 8601, fixed width, so text comparison orders it on SQLite and PostgreSQL alike. */
  updated_at: string
  sent_at: string | null
}

type Tables = { strata_notice_outbox: OutboxTable }
const TABLE = 'strata_notice_outbox'

/** The key of one notice in the outbox. */
export interface NoticeRef {
  readonly principal: string
  readonly scope: string | undefined
  readonly version: string
  readonly milestone: string
}

/**
 * The notices outbox: pending → sending (written before the SMTP call) → sent. A row still in
 * `sending` at the next run is a notice whose outcome is unknown.
 */
export interface Outbox {
  createTable(): Promise<void>
  list(): Promise<OutboxRecord[]>
  /**
   * Claims notices for one email: records them as `sending` under `messageId` (inserting the rows
   * that do not exist yet), in one transaction; false when another run got there first.
   */
  claim(refs: readonly NoticeRef[], messageId: string, recipient: string, now: Date): Promise<boolean>
  /** Records an email as delivered: every notice it carries becomes `sent`. */
  markSent(messageId: string, now: Date): Promise<void>
  /** Records a failed delivery: the email's notices go back to `pending` with the error. */
  markFailed(messageId: string, error: string, now: Date): Promise<void>
}

const toRecord = (row: OutboxTable): OutboxRecord => ({
  principal: row.principal,
  scope: row.scope === '' ? undefined : row.scope,
  version: row.version,
  milestone: row.milestone,
  state: row.state as OutboxRecord['state'],
  message_id: row.message_id,
  recipient: row.recipient,
  attempts: Number(row.attempts),
  last_error: row.last_error,
  sent_at: row.sent_at,
})

/**
 * An outbox over kysely, in SQLite (better-sqlite3) or PostgreSQL (pg), the database the usage
 * store already uses. Call `createTable()` once before use.
 *
 * @example
 * const outbox = sqlOutbox(db)
 * await outbox.createTable()
 */
export function sqlOutbox<DB>(database: Kysely<DB>): Outbox {
  const db = database.withTables<Tables>() as unknown as Kysely<Tables>
  return {
    async createTable() {
      await db.schema
        .createTable(TABLE)
        .ifNotExists()
        .addColumn('principal', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('milestone', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text')
        .addColumn('recipient', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addPrimaryKeyConstraint(`${TABLE}_pk`, ['principal', 'scope', 'version', 'milestone'])
        .execute()
    },
    async list() {
      // Nothing sent yet: `notices plan` reads without creating the table.
      const tables = await db.introspection.getTables()
      if (!tables.some((t) => t.name === TABLE)) return []
      const rows = await db.selectFrom(TABLE).selectAll().execute()
      return rows.map(toRecord)
    },
    async claim(refs, messageId, recipient, now) {
      const at = now.toISOString()
      return db
        .transaction()
        .execute(async (tx) => {
          for (const ref of refs) {
            const key = {
              principal: ref.principal,
              scope: ref.scope ?? '',
              version: ref.version,
              milestone: ref.milestone,
            }
            await tx
              .insertInto(TABLE)
              .values({
                ...key,
                state: 'pending',
                message_id: null,
                recipient: null,
                attempts: 0,
                last_error: null,
                updated_at: at,
                sent_at: null,
              })
              .onConflict((oc) => oc.columns(['principal', 'scope', 'version', 'milestone']).doNothing())
              .execute()
            // A pending row is claimed; a `sending` one only when it is this very email being resent.
            const result = await tx
              .updateTable(TABLE)
              .set((eb) => ({
                state: 'sending',
                message_id: messageId,
                recipient,
                attempts: eb('attempts', '+', 1),
                updated_at: at,
              }))
              .where('principal', '=', key.principal)
              .where('scope', '=', key.scope)
              .where('version', '=', key.version)
              .where('milestone', '=', key.milestone)
              .where((eb) =>
                eb.or([
                  eb('state', '=', 'pending'),
                  eb.and([eb('state', '=', 'sending'), eb('message_id', '=', messageId)]),
                ]),
              )
              .executeTakeFirst()
            if (Number(result.numUpdatedRows) !== 1) throw new _Claimed()
          }
          return true
        })
        .catch((error: unknown) => {
          if (error instanceof _Claimed) return false
          throw error
        })
    },
    async markSent(messageId, now) {
      await db
        .updateTable(TABLE)
        .set({ state: 'sent', sent_at: now.toISOString(), updated_at: now.toISOString(), last_error: null })
        .where('message_id', '=', messageId)
        .where('state', '=', 'sending')
        .execute()
    },
    async markFailed(messageId, error, now) {
      await db
        .updateTable(TABLE)
        .set({ state: 'pending', last_error: error, updated_at: now.toISOString() })
        .where('message_id', '=', messageId)
        .where('state', '=', 'sending')
        .execute()
    },
  }
}

// Rolls the claim's transaction back when one notice was taken by another run.
class _Claimed extends Error {}
