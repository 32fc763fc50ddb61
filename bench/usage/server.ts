// One calendar program on node:http with usage recording on or off (`server.ts on|off`): the same API,
// routes and store; only `onExchange` differs. Prints `listening on <port>`.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createStrataServer } from 'strata/node'
import { calendarProgram } from '../../examples/calendar/serve.ts'

const recording = process.argv[2] === 'on'
const dataDir = mkdtempSync(join(tmpdir(), `strata-bench-usage-${recording ? 'on' : 'off'}-`))
const { runtime, store } = await calendarProgram({ dataDir, clock: () => new Date('2026-12-01T00:00:00Z') })
const { onExchange, unversioned: _, ...bare } = runtime
const server = createStrataServer(recording ? { ...bare, onExchange: onExchange ?? [] } : bare)
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`listening on ${typeof address === 'object' && address !== null ? address.port : 0}\n`)
})
process.on('SIGTERM', () => {
  server.close()
  store.close().then(() => process.exit(0))
})
