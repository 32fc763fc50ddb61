import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Availability, describeWithService, freePort, terminate } from './service.ts'

/** A throwaway redis-server started for one test file. */
export interface RedisServer {
  readonly port: number
  /** `redis://127.0.0.1:<port>`, for ioredis. */
  readonly url: string
  /** Stops the server, keeping its port, to simulate an outage (its counters are lost: no persistence). */
  halt(): Promise<void>
  /** Starts a halted server again on the same port; resolves once it answers PING. */
  resume(): Promise<void>
  stop(): Promise<void>
}

const INSTALL_HINT = 'run scripts/services/redis.sh to install redis-server'

/**
 * Tells whether `redis-server` can be run on this machine, and if not, why.
 *
 * @example
 * if (!redisServerAvailability().available) console.log('no redis')
 */
export function redisServerAvailability(): Availability {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error !== undefined || probe.status !== 0)
    return { available: false, reason: `redis-server not found; ${INSTALL_HINT}` }
  return { available: true }
}

/**
 * Starts `redis-server` on a free port with persistence off, in a temporary directory, and
 * resolves once it answers PING.
 *
 * @example
 * const redis = await startRedisServer()
 * const client = new Redis(redis.url)
 * await redis.stop()
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-redis-'))
  const port = await freePort()
  let output = ''
  const launch = () => {
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    started.stdout?.on('data', (chunk) => (output += chunk))
    started.stderr?.on('data', (chunk) => (output += chunk))
    return started
  }
  let child = launch()
  const halt = () => terminate(child, 'SIGTERM', 5000)
  const stop = async () => {
    await halt()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await _waitForPing(port, child, 10_000)
  } catch (err) {
    await stop()
    throw new Error(`redis-server did not start on port ${port}: ${(err as Error).message}\n${output.slice(-2000)}`)
  }
  const resume = async () => {
    if (child.exitCode === null && child.signalCode === null) return
    child = launch()
    await _waitForPing(port, child, 10_000)
  }
  return { port, url: `redis://127.0.0.1:${port}`, halt, resume, stop }
}

/**
 * Declares a describe block that gets a real redis-server: started before its tests, stopped after.
 * Without redis-server the block fails when `CI` is set and is skipped with one line otherwise.
 *
 * @example
 * describeWithRedis('shared budget', (redis) => { test('...', async () => { new Redis(redis().url) }) })
 */
export function describeWithRedis(name: string, body: (redis: () => RedisServer) => void): void {
  describeWithService(
    name,
    { label: 'redis-server', availability: redisServerAvailability, start: startRedisServer },
    body,
  )
}

async function _waitForPing(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with code ${child.exitCode}`)
    if (await _ping(port)) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no PONG within ${timeoutMs} ms`)
}

function _ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8')
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
  })
}
