import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { baseline, devices as discoveredDevices, interfaces as discoveredInterfaces } from './inventory.ts'
import type { DeviceShape, InterfaceShape } from './schemas.ts'

/** A snapshot as head stores it; `createdAt` in epoch milliseconds. */
export interface StoredSnapshot {
  id: string
  name: string
  note: string | null
  state: 'loaded' | 'unloaded'
  locked: boolean
  sites: string[]
  deviceCount: number
  interfaceCount: number
  createdAt: number
}

export interface SnapshotInput {
  name: string
  note?: string
  sites?: string[]
  locked?: boolean
}

/** One page of a table and the number of rows matching its filters. */
export interface Page<T> {
  rows: T[]
  count: number
}

type _Filter = Readonly<Record<string, string | undefined>>

const SNAPSHOT = `SELECT s.*, (SELECT COUNT(*) FROM devices d WHERE d.snapshot_id = s.id) AS device_count,
  (SELECT COUNT(*) FROM interfaces i WHERE i.snapshot_id = s.id) AS interface_count FROM snapshots s`

interface _SnapshotRow {
  id: string
  name: string
  note: string | null
  state: 'loaded' | 'unloaded'
  locked: number
  sites: string
  created_at: number
  device_count: number
  interface_count: number
}

const fromRow = (r: _SnapshotRow): StoredSnapshot => ({
  id: r.id,
  name: r.name,
  note: r.note,
  state: r.state,
  locked: r.locked === 1,
  sites: JSON.parse(r.sites) as string[],
  deviceCount: r.device_count,
  interfaceCount: r.interface_count,
  createdAt: r.created_at,
})

/** Snapshots, devices and interfaces in one SQLite file; a new file starts with a baseline snapshot. */
export class InventoryStore {
  readonly #db: Database.Database

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true })
    this.#db = new Database(join(dataDir, 'inventory.sqlite'))
    this.#db.pragma('journal_mode = WAL')
    // Every acknowledged write is on disk: in WAL mode FULL syncs the log at each commit.
    this.#db.pragma('synchronous = FULL')
    this.#db.pragma('foreign_keys = ON')
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS snapshots (id TEXT PRIMARY KEY, name TEXT NOT NULL, note TEXT,
        state TEXT NOT NULL, locked INTEGER NOT NULL, sites TEXT NOT NULL, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS devices (id INTEGER PRIMARY KEY AUTOINCREMENT,
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE, hostname TEXT NOT NULL,
        site_name TEXT NOT NULL, vendor TEXT NOT NULL, platform TEXT NOT NULL, model TEXT NOT NULL,
        serial_number TEXT NOT NULL, login_ip TEXT NOT NULL, uptime INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS interfaces (id INTEGER PRIMARY KEY AUTOINCREMENT,
        snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE, hostname TEXT NOT NULL,
        site_name TEXT NOT NULL, int_name TEXT NOT NULL, l1 TEXT NOT NULL, mtu INTEGER NOT NULL, speed INTEGER);`)
    const empty = this.#db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }
    if (empty.n === 0) this.#discover(baseline.id, { name: baseline.name, note: baseline.note }, baseline.createdAt)
  }

  listSnapshots(): StoredSnapshot[] {
    return this.#db.prepare<[], _SnapshotRow>(`${SNAPSHOT} ORDER BY s.created_at DESC, s.rowid DESC`).all().map(fromRow)
  }

  getSnapshot(id: string): StoredSnapshot | undefined {
    const row = this.#db.prepare<[string], _SnapshotRow>(`${SNAPSHOT} WHERE s.id = ?`).get(id)
    return row === undefined ? undefined : fromRow(row)
  }

  /** Runs a discovery of the fixed network (limited to `sites` when given) into a new snapshot. */
  createSnapshot(input: SnapshotInput, now: number): StoredSnapshot {
    const id = randomUUID()
    this.#discover(id, input, now)
    return this.getSnapshot(id)!
  }

  deleteSnapshot(id: string): 'deleted' | 'missing' | 'locked' {
    const snapshot = this.getSnapshot(id)
    if (snapshot === undefined) return 'missing'
    if (snapshot.locked) return 'locked'
    this.#db.prepare('DELETE FROM snapshots WHERE id = ?').run(id)
    return 'deleted'
  }

  /** The snapshot a table query reads: an id, or `$last` (the default) for the newest loaded one. */
  resolveSnapshot(ref: string | undefined): string | undefined {
    if (ref !== undefined && ref !== '$last') return ref
    return this.listSnapshots().find((s) => s.state === 'loaded')?.id
  }

  devices(filter: _Filter, limit: number, offset: number): Page<DeviceShape> {
    const columns = {
      snapshot_id: filter.snapshot,
      site_name: filter.siteName,
      vendor: filter.vendor,
      hostname: filter.hostname,
    }
    const rows = this.#page('devices', columns, limit, offset)
    return {
      count: rows.count,
      rows: rows.rows.map((r) => ({
        id: r.id as number,
        snapshotId: r.snapshot_id as string,
        hostname: r.hostname as string,
        siteName: r.site_name as string,
        vendor: r.vendor as string,
        platform: r.platform as string,
        model: r.model as string,
        serialNumber: r.serial_number as string,
        loginIp: r.login_ip as string,
        uptime: r.uptime as number,
      })),
    }
  }

  interfaces(filter: _Filter, limit: number, offset: number): Page<InterfaceShape> {
    const columns = {
      snapshot_id: filter.snapshot,
      site_name: filter.siteName,
      hostname: filter.hostname,
      l1: filter.l1,
    }
    const rows = this.#page('interfaces', columns, limit, offset)
    return {
      count: rows.count,
      rows: rows.rows.map((r) => ({
        id: r.id as number,
        snapshotId: r.snapshot_id as string,
        hostname: r.hostname as string,
        siteName: r.site_name as string,
        intName: r.int_name as string,
        l1: r.l1 as 'up' | 'down',
        mtu: r.mtu as number,
        speed: r.speed as number | null,
      })),
    }
  }

  close(): void {
    this.#db.close()
  }

  #page(
    table: 'devices' | 'interfaces',
    columns: _Filter,
    limit: number,
    offset: number,
  ): Page<Record<string, unknown>> {
    // Column names come from the code above, never from the request; values are bound.
    const used = Object.entries(columns).filter((e): e is [string, string] => e[1] !== undefined)
    const where = used.length === 0 ? '' : ` WHERE ${used.map(([c]) => `${c} = ?`).join(' AND ')}`
    const values = used.map(([, v]) => v)
    const count = (this.#db.prepare(`SELECT COUNT(*) AS n FROM ${table}${where}`).get(...values) as { n: number }).n
    const rows = this.#db
      .prepare(`SELECT * FROM ${table}${where} ORDER BY id LIMIT ? OFFSET ?`)
      .all(...values, limit, offset) as Record<string, unknown>[]
    return { rows, count }
  }

  #discover(id: string, input: SnapshotInput, now: number): void {
    const sites = input.sites ?? [...new Set(discoveredDevices.map((d) => d.siteName))]
    const found = discoveredDevices.filter((d) => sites.includes(d.siteName))
    const site = new Map(found.map((d) => [d.hostname, d.siteName]))
    const insertSnapshot = this.#db.prepare(
      "INSERT INTO snapshots (id, name, note, state, locked, sites, created_at) VALUES (?, ?, ?, 'loaded', ?, ?, ?)",
    )
    const insertDevice = this.#db.prepare(
      'INSERT INTO devices (snapshot_id, hostname, site_name, vendor, platform, model, serial_number, login_ip, uptime) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const insertInterface = this.#db.prepare(
      'INSERT INTO interfaces (snapshot_id, hostname, site_name, int_name, l1, mtu, speed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.#db.transaction(() => {
      insertSnapshot.run(id, input.name, input.note ?? null, input.locked ? 1 : 0, JSON.stringify(sites), now)
      for (const d of found) {
        insertDevice.run(id, d.hostname, d.siteName, d.vendor, d.platform, d.model, d.serialNumber, d.loginIp, d.uptime)
      }
      for (const i of discoveredInterfaces.filter((x) => site.has(x.hostname))) {
        insertInterface.run(id, i.hostname, site.get(i.hostname)!, i.intName, i.l1, i.mtu, i.speed)
      }
    })()
  }
}
