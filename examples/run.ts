// Starts one example API: `npm run example -- <name>`. Listens on 127.0.0.1:$PORT (default 8080),
// keeps data under $DATA_DIR (default data/<name>), and shuts down gracefully on SIGTERM or SIGINT.
import { existsSync, readdirSync } from 'node:fs'
import type { Server } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { handleShutdown } from 'strata/node'

/** What an example's server offers, whatever its framework (a Fastify instance has this shape). */
export interface ExampleApp {
  listen(options: { host: string; port: number }): Promise<unknown>
  close(): Promise<unknown>
  readonly server: Server
}

/** What every example's `main.ts` exports. */
export interface ExampleModule {
  createServer(options: { dataDir: string; clock?: () => Date; logger?: boolean }): Promise<ExampleApp>
}

const here = dirname(fileURLToPath(import.meta.url))
const names = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'main.ts')))
  .map((d) => d.name)

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

const name = process.argv[2] ?? 'calendar'
if (!names.includes(name))
  fail(`Unknown example '${name}'. Available: ${names.join(', ')}. Usage: npm run example -- <name>`)

const port = Number(process.env.PORT ?? 8080)
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`PORT must be an integer from 0 to 65535, got '${process.env.PORT}'.`)
const dataDir = resolve(process.env.DATA_DIR ?? join('data', name))
// STRATA_NOW pins the clock (RFC 3339) so a demo or test can show a future deprecation or sunset.
const pinned = process.env.STRATA_NOW
let clock: (() => Date) | undefined
if (pinned !== undefined && pinned !== '') {
  const at = new Date(pinned)
  if (Number.isNaN(at.getTime())) fail(`STRATA_NOW must be an RFC 3339 timestamp, got '${pinned}'.`)
  clock = () => at
}

const example = (await import(`./${name}/main.ts`)) as ExampleModule
const app = await example.createServer({
  dataDir,
  ...(clock ? { clock } : {}),
  logger: process.env.LOG === '1',
})
try {
  await app.listen({ host: '127.0.0.1', port })
} catch (err) {
  fail(`Could not listen on 127.0.0.1:${port}: ${(err as Error).message}. Set PORT to a free port.`)
}
const address = app.server.address()
const actual = typeof address === 'object' && address !== null ? address.port : port
process.stdout.write(`listening on http://127.0.0.1:${actual}\n`)

// SIGTERM/SIGINT: stop accepting, let in-flight requests finish (SHUTDOWN_TIMEOUT_SECONDS, default 10),
// close the app (its database), run the shutdown hooks, exit 0.
const deadline = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS ?? 10)
if (!Number.isFinite(deadline) || deadline < 0)
  fail(`SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds, got '${process.env.SHUTDOWN_TIMEOUT_SECONDS}'.`)
handleShutdown({ server: app.server, close: () => app.close(), deadlineMs: deadline * 1000 })

// Diagnostics: started with `node --expose-gc` (NODE_OPTIONS), SIGUSR2 runs a full collection and prints
// the live heap, so a leak shows apart from the garbage a busy process carries (test/reliability/load.test.ts).
const collect = (globalThis as { gc?: () => void }).gc
if (collect !== undefined) {
  process.on('SIGUSR2', () => {
    collect()
    const { heapUsed, rss } = process.memoryUsage()
    process.stdout.write(`memory: heapUsed=${heapUsed} rss=${rss}\n`)
  })
}
