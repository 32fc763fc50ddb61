import { type Kysely, sql } from 'kysely'
import { minuteOf, type UsageRow } from './usage-row.ts'

/** The table usage is kept in, one row per (minute, scope, version, channel, endpoint, client, status class). */
export interface UsageTable {
  minute: string
  scope: string
  version: string
  channel: string
  endpoint: string
  client: string
  status_class: string
  requests: number
}

type Tables = { strata_usage: UsageTable }
const TABLE = 'strata_usage'
const KEY = ['minute', 'scope', 'version', 'channel', 'endpoint', 'client', 'status_class'] as const
// 8 values a row: 400 rows stay far below SQLite's and PostgreSQL's bound-parameter limits.
const BATCH = 400

/** Where usage counts live: SQLite or PostgreSQL through one kysely query layer. */
export interface UsageStore {
  /** Creates the table and index when missing. */
  createTable(): Promise<void>
  /** Adds counts into their rows in one transaction: several instances add, never overwrite. */
  add(rows: readonly UsageRow[]): Promise<void>
  /** The rows of minutes at or after `since`, oldest first. */
  rowsSince(since: Date): Promise<UsageRow[]>
  /** Deletes rows older than `before`; resolves with how many. */
  purge(before: Date): Promise<number>
  /** Closes the database connection, when the store opened it. */
  close(): Promise<void>
}

/**
 * A usage store over kysely, so the same code keeps counts in SQLite (better-sqlite3) or PostgreSQL
 * (pg). Counts are added with `ON CONFLICT ... DO UPDATE SET requests = requests + excluded.requests`.
 *
 * @example
 * const store = sqlUsageStore(db)
 * await store.createTable()
 */
export function sqlUsageStore<DB>(database: Kysely<DB>, options: { owned?: boolean } = {}): UsageStore {
  const db = database.withTables<Tables>() as unknown as Kysely<Tables>
  return {
    async createTable() {
      await db.schema
        .createTable(TABLE)
        .ifNotExists()
        .addColumn('minute', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('endpoint', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('status_class', 'text', (c) => c.notNull())
        .addColumn('requests', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint(`${TABLE}_pk`, [...KEY])
        .execute()
    },
    async add(rows) {
      if (rows.length === 0) return
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < rows.length; i += BATCH) {
          await tx
            .insertInto(TABLE)
            .values(rows.slice(i, i + BATCH))
            .onConflict((oc) =>
              oc
                .columns([...KEY])
                .doUpdateSet({ requests: sql<number>`${sql.ref(`${TABLE}.requests`)} + excluded.requests` }),
            )
            .execute()
        }
      })
    },
    async rowsSince(since) {
      const rows = await db
        .selectFrom(TABLE)
        .selectAll()
        .where('minute', '>=', minuteOf(since))
        .orderBy('minute')
        .execute()
      // PostgreSQL returns bigint as a string.
      return rows.map((r) => ({ ...r, requests: Number(r.requests) }))
    },
    async purge(before) {
      const result = await db.deleteFrom(TABLE).where('minute', '<', minuteOf(before)).executeTakeFirst()
      return Number(result.numDeletedRows)
    },
    async close() {
      if (options.owned === true) await db.destroy()
    },
  }
}
