import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'

/** The environment ids stored in the control-plane's SQLite file, read with a connection of the test's own. */
export function sqliteEnvironmentIds(dataDir: string): { ids: Set<string>; integrity: string } {
  const db = new Database(join(dataDir, 'control-plane.sqlite'), { readonly: true })
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? ''
    const rows = db.prepare<[], { id: string }>('SELECT id FROM environments').all()
    return { ids: new Set(rows.map((r) => r.id)), integrity }
  } finally {
    db.close()
  }
}

/** The environment ids stored in the control-plane's PostgreSQL database. */
export async function postgresEnvironmentIds(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM environments')
    return new Set(rows.map((r) => r.id))
  } finally {
    await client.end()
  }
}

/** The acknowledged ids missing from what was stored. */
export const missing = (acknowledged: readonly string[], stored: ReadonlySet<string>) =>
  acknowledged.filter((id) => !stored.has(id))
