import { createStrataServer } from 'strata/node'
import { calendarProgram, type ExampleServer, exampleServer } from '../calendar/serve.ts'

/** The calendar program (the Cognite assets API) on plain node:http: same API, ledger and store as `calendar`. */
export async function createServer(options: { dataDir: string; clock?: () => Date }): Promise<ExampleServer> {
  const { runtime, store } = await calendarProgram(options)
  const server = createStrataServer(runtime)
  return exampleServer(server, server.runtime, store)
}
