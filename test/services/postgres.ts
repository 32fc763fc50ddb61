import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { type Availability, describeWithService, freePort, terminate } from './service.ts'

/** A throwaway PostgreSQL cluster started for one test file. */
export interface PostgresServer {
  readonly port: number
  /** Creates an empty database and resolves with its `postgres://` URL. */
  createDatabase(name: string): Promise<string>
  /** Stops the server (fast shutdown), keeping its data and port, to simulate an outage. */
  halt(): Promise<void>
  /** Starts a halted server again on the same port and data; resolves once it accepts connections. */
  resume(): Promise<void>
  stop(): Promise<void>
}

const INSTALL_HINT = 'run scripts/services/postgres.sh to install PostgreSQL'

/**
 * Finds the directory holding `initdb` and `postgres`: on PATH, else the newest
 * `/usr/lib/postgresql/<major>/bin` (Debian keeps server binaries off PATH).
 *
 * @example
 * const bin = postgresBinDir() // '/usr/lib/postgresql/15/bin'
 */
export function postgresBinDir(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim()
  if (onPath !== '') {
    // Resolve symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to the real bin directory.
    const bin = join(realpathSync(onPath), '..')
    if (existsSync(join(bin, 'postgres'))) return bin
  }
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const majors = readdirSync(root)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
  for (const major of majors) {
    const bin = join(root, major, 'bin')
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin
  }
  return undefined
}

/**
 * Tells whether a PostgreSQL server can be run on this machine, and if not, why.
 *
 * @example
 * if (!postgresAvailability().available) console.log('no postgres')
 */
export function postgresAvailability(): Availability {
  return postgresBinDir() === undefined
    ? { available: false, reason: `initdb/postgres not found; ${INSTALL_HINT}` }
    : { available: true }
}

/**
 * Initialises a cluster in a temporary directory and starts it on a free port, listening on
 * 127.0.0.1 only, with trust authentication for the `postgres` role and durability off (tests only).
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user when it
 * exists, else to `nobody`, and both programs run under that uid.
 *
 * @example
 * const server = await startPostgresServer()
 * const url = await server.createDatabase('app_test')
 * await server.stop()
 */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinDir()
  if (bin === undefined) throw new Error(`PostgreSQL is not installed; ${INSTALL_HINT}`)
  const dir = mkdtempSync(join(tmpdir(), 'strata-postgres-'))
  const owner = _unprivilegedOwner()
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid)
  const as = owner === undefined ? {} : { uid: owner.uid, gid: owner.gid }
  const data = join(dir, 'data')
  const init = spawnSync(
    join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    { encoding: 'utf8', ...as },
  )
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`initdb failed (${init.status ?? init.error?.message}):\n${init.stderr}${init.stdout}`)
  }
  const port = await freePort()
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
    max_connections: '50',
  }
  const args = ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])]
  let output = ''
  const launch = () => {
    const started = spawn(join(bin, 'postgres'), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...as })
    started.stdout?.on('data', (chunk) => (output += chunk))
    started.stderr?.on('data', (chunk) => (output += chunk))
    return started
  }
  let child = launch()
  // SIGINT is PostgreSQL's fast shutdown: roll back open transactions and exit.
  const halt = () => terminate(child, 'SIGINT', 10_000)
  const stop = async () => {
    await halt()
    rmSync(dir, { recursive: true, force: true })
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
  try {
    await _waitForConnection(adminUrl, child, 30_000)
  } catch (err) {
    await stop()
    throw new Error(`postgres did not start on port ${port}: ${(err as Error).message}\n${output.slice(-2000)}`)
  }
  return {
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
        throw new TypeError(`Database name '${name}' is not a plain identifier.`)
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name}"`)
      } finally {
        await client.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    halt,
    async resume() {
      if (child.exitCode === null && child.signalCode === null) return
      child = launch()
      await _waitForConnection(adminUrl, child, 30_000)
    },
    stop,
  }
}

/**
 * Declares a describe block that gets a real PostgreSQL cluster: started before its tests, stopped
 * after. Without PostgreSQL the block fails when `CI` is set and is skipped with one line otherwise.
 *
 * @example
 * describeWithPostgres('on postgres', (postgres) => { test('...', async () => { await postgres().createDatabase('t1') }) })
 */
export function describeWithPostgres(name: string, body: (postgres: () => PostgresServer) => void): void {
  describeWithService(
    name,
    { label: 'PostgreSQL', availability: postgresAvailability, start: startPostgresServer, startTimeoutMs: 60_000 },
    body,
  )
}

/** As root, the uid and gid PostgreSQL runs under; `undefined` when this process is not root. */
function _unprivilegedOwner(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined
  for (const user of ['postgres', 'nobody']) {
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim())
    const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim())
    if (Number.isInteger(uid) && uid > 0 && Number.isInteger(gid)) return { uid, gid }
  }
  throw new Error('Running as root and neither the postgres nor the nobody user exists; create a postgres user.')
}

async function _waitForConnection(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no attempt'
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`)
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return
    } catch (err) {
      last = (err as Error).message
    } finally {
      await client.end().catch(() => {})
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no connection within ${timeoutMs} ms (${last})`)
}
