import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'

// One schema, one query layer: kysely compiles the same queries for SQLite and PostgreSQL.
// Timestamps are ISO 8601 text (fixed width, so they sort as they compare) on both.

interface Stamped {
  id: string
  org_id: string
  created_at: string
  updated_at: string
}

export interface Tables {
  organizations: { id: string; display_name: string; created_at: string; updated_at: string }
  settings: { name: string; value: string }
  environments: Stamped & { display_name: string }
  service_accounts: Stamped & { display_name: string; description: string }
  /** Who to tell about a service account's use of deprecated versions (`strata notices`). */
  service_account_owners: { service_account_id: string; email: string }
  api_keys: Stamped & { owner_id: string; secret_hash: string; display_name: string; description: string }
  clusters: Stamped & {
    environment_id: string
    display_name: string
    availability: string
    cloud: string
    region: string
    config_kind: string
    ready_at: string
  }
  networks: Stamped & { environment_id: string; display_name: string; cloud: string; region: string }
}

export type Db = Kysely<Tables>

/**
 * Opens the example's database: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`,
 * and creates the tables that do not exist yet.
 *
 * @example
 * const db = await openDatabase({ dataDir: 'data/control-plane', databaseUrl: process.env.DATABASE_URL })
 */
export async function openDatabase(options: {
  dataDir: string
  databaseUrl?: string | undefined
  pool?: PoolSettings
  sqliteMaxPageCount?: number | undefined
  log?: (line: string) => void
}): Promise<Db> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  let db: Db
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    db = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: postgresPool(options.databaseUrl, options.pool, log) }),
    })
  } else {
    mkdirSync(options.dataDir, { recursive: true })
    const file = new SQLite(join(options.dataDir, 'control-plane.sqlite'))
    file.pragma('journal_mode = WAL')
    // Every acknowledged write is on disk: in WAL mode FULL syncs the log at each commit.
    file.pragma('synchronous = FULL')
    // API keys go with their owner (ON DELETE CASCADE) only when SQLite enforces foreign keys.
    file.pragma('foreign_keys = ON')
    // A size cap (a quota, or a small disk simulated): writes past it fail with SQLITE_FULL -> 503.
    if (options.sqliteMaxPageCount !== undefined) file.pragma(`max_page_count = ${options.sqliteMaxPageCount}`)
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: file }) })
  }
  await createTables(db)
  return db
}

/** How the PostgreSQL pool behaves under load and outages. */
export interface PoolSettings {
  /** Connections at most; defaults to 10. */
  readonly max?: number
  /** How long a request waits for a free connection (or a new one) before it fails with 503; defaults to 2000 ms. */
  readonly acquireTimeoutMs?: number
  /** How long one statement may run before PostgreSQL cancels it (503); defaults to 5000 ms. */
  readonly statementTimeoutMs?: number
}

/**
 * A pg pool that survives its server going away: a connection lost while idle is reported once per
 * outage (without the listener, pg's 'error' event would end the process), waiting for a connection
 * and running a statement both have deadlines, so no request hangs.
 */
function postgresPool(url: string, settings: PoolSettings = {}, log: (line: string) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.max ?? 10,
    connectionTimeoutMillis: settings.acquireTimeoutMs ?? 2000,
    statement_timeout: settings.statementTimeoutMs ?? 5000,
  })
  let down = false
  pool.on('error', (error) => {
    if (down) return
    down = true
    log(
      `control-plane: lost the PostgreSQL connection (${error.message}); requests that need it answer 503 until it is back`,
    )
  })
  pool.on('connect', () => {
    if (!down) return
    down = false
    log('control-plane: connected to PostgreSQL again')
  })
  return pool
}

async function createTables(db: Db): Promise<void> {
  const stamped = <T extends keyof Tables>(name: T) =>
    db.schema
      .createTable(name)
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
  await db.schema
    .createTable('organizations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('settings')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
  await stamped('environments')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .execute()
  await stamped('service_accounts')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('service_account_owners')
    .ifNotExists()
    .addColumn('service_account_id', 'text', (c) =>
      c.primaryKey().references('service_accounts.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .execute()
  await stamped('api_keys')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('service_accounts.id').onDelete('cascade'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .execute()
  await stamped('clusters')
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('config_kind', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text', (c) => c.notNull())
    .execute()
  await stamped('networks')
    .addColumn('environment_id', 'text', (c) => c.notNull().references('environments.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('cloud', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .execute()
  for (const table of ['environments', 'service_accounts', 'api_keys', 'clusters', 'networks'] as const) {
    await sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${table}_page`)} ON ${sql.table(table)} (org_id, created_at, id)`.execute(
      db,
    )
  }
}

/**
 * Reads a setting, creating it with `create()` the first time; the first writer wins when
 * several instances start at once.
 *
 * @example
 * const pepper = await setting(db, 'api_key_pepper', () => randomBytes(32).toString('base64url'))
 */
export async function setting(db: Db, name: string, create: () => string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ name, value: create() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  return row.value
}
