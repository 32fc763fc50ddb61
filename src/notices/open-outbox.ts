import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { StrataError } from '../error/index.ts'
import { usageFile } from '../usage/index.ts'
import { type Outbox, sqlOutbox } from './outbox.ts'

/** An outbox on its own connection; `close()` ends it. */
export type OpenedOutbox = Outbox & { close(): Promise<void> }

/**
 * Opens the outbox in the usage store's database: PostgreSQL when `databaseUrl` is set, else the
 * SQLite file usage keeps under `dataDir` (which must exist: usage was recorded there). better-sqlite3
 * and pg are loaded on use.
 *
 * @example
 * const outbox = await openOutbox({ dataDir: 'data/control-plane' })
 */
export async function openOutbox(options: {
  dataDir?: string
  databaseUrl?: string | undefined
}): Promise<OpenedOutbox> {
  let db: Kysely<unknown>
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const pg = (await import('pg')).default
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2, connectionTimeoutMillis: 5000 })
    db = new Kysely({ dialect: new PostgresDialect({ pool }) })
  } else {
    if (options.dataDir === undefined) {
      throw new StrataError(
        'STRATA_ERR_USAGE_NO_DATABASE',
        'The notices outbox lives beside usage; pass `dataDir` or `databaseUrl`.',
      )
    }
    const SQLite = (await import('better-sqlite3')).default
    const database = new SQLite(usageFile(options.dataDir), { fileMustExist: true })
    database.pragma('journal_mode = WAL')
    database.pragma('busy_timeout = 5000')
    db = new Kysely({ dialect: new SqliteDialect({ database }) })
  }
  return Object.assign(sqlOutbox(db), { close: () => db.destroy() })
}
