import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import { StrataError } from '../error/index.ts'
import { sqlUsageStore, type UsageStore } from './store.ts'

/** Where to keep usage: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
export interface UsageDatabaseOptions {
  /** The app's data directory; the SQLite file is `<dataDir>/usage.sqlite`. */
  readonly dataDir?: string | undefined
  /** A `postgres://` URL; takes precedence over `dataDir`. */
  readonly databaseUrl?: string | undefined
  /** Create the data directory and table when missing (default true; reports pass false). */
  readonly create?: boolean
}

/** The SQLite file usage is kept in under a data directory. */
export const usageFile = (dataDir: string): string => join(dataDir, 'usage.sqlite')

/**
 * Opens a usage store on its own connection: better-sqlite3 or pg, loaded on use (both are optional
 * peer dependencies), with the table created. `close()` ends the connection.
 *
 * @example
 * const store = await openUsageStore({ dataDir: 'data/calendar' })
 */
export async function openUsageStore(options: UsageDatabaseOptions): Promise<UsageStore> {
  const create = options.create ?? true
  const url = options.databaseUrl
  let db: Kysely<unknown>
  if (url !== undefined && url !== '') {
    const pg = (await import('pg')).default
    const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 })
    db = new Kysely({ dialect: new PostgresDialect({ pool }) })
  } else {
    if (options.dataDir === undefined) {
      throw new StrataError(
        'STRATA_ERR_USAGE_NO_DATABASE',
        'Usage needs a place to keep counts; pass `dataDir` or `databaseUrl`.',
      )
    }
    const file = usageFile(options.dataDir)
    if (!create && !existsSync(file)) {
      throw new StrataError(
        'STRATA_ERR_USAGE_NO_DATABASE',
        `No usage data at ${file}; point --data-dir at the directory the API keeps its data in (its DATA_DIR).`,
      )
    }
    if (create) mkdirSync(options.dataDir, { recursive: true })
    const SQLite = (await import('better-sqlite3')).default
    const database = new SQLite(file, { fileMustExist: !create })
    database.pragma('journal_mode = WAL')
    // Several instances (or a report) may write while another holds the lock: wait, do not fail.
    database.pragma('busy_timeout = 5000')
    db = new Kysely({ dialect: new SqliteDialect({ database }) })
  }
  const store = sqlUsageStore(db, { owned: true })
  try {
    if (create) await store.createTable()
    else await store.rowsSince(new Date())
  } catch (error) {
    await store.close().catch(() => {})
    throw error
  }
  return store
}
