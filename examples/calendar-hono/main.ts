import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { strataHono } from 'strata/hono'
import { calendarProgram, type ExampleServer, exampleServer } from '../calendar/serve.ts'

/** The calendar program (the Cognite assets API) on Hono 4, served by `@hono/node-server`. */
export async function createServer(options: { dataDir: string; clock?: () => Date }): Promise<ExampleServer> {
  const { runtime, store } = await calendarProgram(options)
  const strata = strataHono(runtime)
  const app = new Hono()
  app.use(strata)
  app.notFound(strata.notFound)
  app.onError(strata.onError)
  const server = createAdaptorServer({ fetch: app.fetch }) as Server
  return exampleServer(server, strata.runtime, store)
}
