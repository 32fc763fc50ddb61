import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** An asset as head stores it. */
export interface Asset {
  id: number
  externalId: string | null
  title: string
  description: string | null
  parentId: number | null
  criticality: 'low' | 'medium' | 'high' | 'critical'
  metadata: Record<string, string>
  createdTime: number
  lastUpdatedTime: number
}

type _Writable = 'externalId' | 'description' | 'parentId' | 'criticality' | 'metadata'
export type AssetInput = Pick<Asset, 'title'> & Partial<Pick<Asset, _Writable>>
export type AssetPatch = Partial<Pick<Asset, 'title' | _Writable>>

export interface AssetPage {
  items: Asset[]
  nextCursor?: string
}

interface _Row {
  id: number
  external_id: string | null
  title: string
  description: string | null
  parent_id: number | null
  criticality: Asset['criticality']
  metadata: string
  created_time: number
  last_updated_time: number
}

const fromRow = (r: _Row): Asset => ({
  id: r.id,
  externalId: r.external_id,
  title: r.title,
  description: r.description,
  parentId: r.parent_id,
  criticality: r.criticality,
  metadata: JSON.parse(r.metadata) as Record<string, string>,
  createdTime: r.created_time,
  lastUpdatedTime: r.last_updated_time,
})

/** What the routes need of a store: the SQLite one below, or the in-memory one of the Workers example. */
export type Assets = Pick<AssetStore, 'list' | 'get' | 'findByExternalId' | 'create' | 'update' | 'remove'>

/** The assets table in a SQLite file, created on first use. */
export class AssetStore {
  readonly #db: Database.Database

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.#db = new Database(join(dataDir, 'assets.sqlite'))
    this.#db.pragma('journal_mode = WAL')
    // Every acknowledged write is on disk: in WAL mode FULL syncs the log at each commit.
    this.#db.pragma('synchronous = FULL')
    this.#db.exec(`CREATE TABLE IF NOT EXISTS assets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      external_id TEXT UNIQUE,
      title TEXT NOT NULL,
      description TEXT,
      parent_id INTEGER REFERENCES assets(id) ON DELETE SET NULL,
      criticality TEXT NOT NULL DEFAULT 'medium',
      metadata TEXT NOT NULL DEFAULT '{}',
      created_time INTEGER NOT NULL,
      last_updated_time INTEGER NOT NULL
    )`)
  }

  list(limit: number, afterId: number, parentId?: number): AssetPage {
    const rows =
      parentId === undefined
        ? this.#db
            .prepare<[number, number], _Row>('SELECT * FROM assets WHERE id > ? ORDER BY id LIMIT ?')
            .all(afterId, limit + 1)
        : this.#db
            .prepare<[number, number, number], _Row>(
              'SELECT * FROM assets WHERE id > ? AND parent_id = ? ORDER BY id LIMIT ?',
            )
            .all(afterId, parentId, limit + 1)
    const items = rows.slice(0, limit).map(fromRow)
    return rows.length > limit ? { items, nextCursor: String(items.at(-1)!.id) } : { items }
  }

  get(id: number): Asset | undefined {
    const row = this.#db.prepare<[number], _Row>('SELECT * FROM assets WHERE id = ?').get(id)
    return row === undefined ? undefined : fromRow(row)
  }

  findByExternalId(externalId: string): Asset | undefined {
    const row = this.#db.prepare<[string], _Row>('SELECT * FROM assets WHERE external_id = ?').get(externalId)
    return row === undefined ? undefined : fromRow(row)
  }

  create(input: AssetInput, now: number): Asset {
    const result = this.#db
      .prepare(
        'INSERT INTO assets (external_id, title, description, parent_id, criticality, metadata, created_time, last_updated_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        input.externalId ?? null,
        input.title,
        input.description ?? null,
        input.parentId ?? null,
        input.criticality ?? 'medium',
        JSON.stringify(input.metadata ?? {}),
        now,
        now,
      )
    return this.get(Number(result.lastInsertRowid))!
  }

  update(id: number, patch: AssetPatch, now: number): Asset | undefined {
    const current = this.get(id)
    if (current === undefined) return undefined
    const next = { ...current, ...patch }
    this.#db
      .prepare(
        'UPDATE assets SET external_id = ?, title = ?, description = ?, parent_id = ?, criticality = ?, metadata = ?, last_updated_time = ? WHERE id = ?',
      )
      .run(
        next.externalId,
        next.title,
        next.description,
        next.parentId,
        next.criticality,
        JSON.stringify(next.metadata),
        now,
        id,
      )
    return this.get(id)
  }

  remove(id: number): boolean {
    return this.#db.prepare('DELETE FROM assets WHERE id = ?').run(id).changes > 0
  }

  close(): void {
    this.#db.close()
  }
}
