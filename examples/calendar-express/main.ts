import { createServer as createHttpServer } from 'node:http'
import express from 'express'
import { strataExpress } from 'strata/express'
import { calendarProgram, type ExampleServer, exampleServer } from '../calendar/serve.ts'

/** The calendar program (the Cognite assets API) on Express 5. */
export async function createServer(options: { dataDir: string; clock?: () => Date }): Promise<ExampleServer> {
  const { runtime, store } = await calendarProgram(options)
  const strata = strataExpress(runtime)
  const app = express()
  app.disable('x-powered-by')
  app.use(strata)
  app.use(strata.notFound)
  app.use(strata.errors)
  return exampleServer(createHttpServer(app), strata.runtime, store)
}
