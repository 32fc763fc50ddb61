import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Runtime, RuntimeOptions } from 'strata'
import { createUsage } from 'strata/usage'
import { defineAssetsApi } from './api.ts'
import { calendarRoutes } from './routes.ts'
import { AssetStore } from './store.ts'

/** What every calendar example's `createServer` returns, whatever the framework: listen, close, the server. */
export interface ExampleServer {
  listen(options: { host: string; port: number }): Promise<string>
  close(): Promise<void>
  ready(): Promise<void>
  readonly server: Server
  /** The adapter's runtime: `strata contracts --app` reads the routes from it. */
  readonly runtime: Runtime
}

/** What a program holds open: closed when the server closes (usage counts are written first). */
export interface ProgramStore {
  close(): Promise<void>
}

/**
 * The calendar program's runtime options (API, routes, SQLite store and usage recording under
 * `dataDir`), shared by the adapters: only the route wiring differs between them.
 */
export async function calendarProgram(options: { dataDir: string; clock?: () => Date }): Promise<{
  runtime: RuntimeOptions
  store: ProgramStore
}> {
  const clock = options.clock ?? (() => new Date())
  const api = defineAssetsApi(clock)
  const assets = new AssetStore(options.dataDir)
  const usage = await createUsage({ api, dataDir: options.dataDir })
  const store = {
    async close() {
      assets.close()
      await usage.close()
    },
  }
  return {
    runtime: { api, routes: calendarRoutes(assets, clock), onExchange: usage.observers, unversioned: usage.routes },
    store,
  }
}

/**
 * Wraps a node:http server of an adapter in the shape examples/run.ts and the CLI expect; contracts
 * are read from the adapter's binding.
 */
export function exampleServer(server: Server, runtime: Runtime, store: ProgramStore): ExampleServer {
  return {
    server,
    runtime,
    ready: async () => {},
    listen: ({ host, port }) =>
      new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`))
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) {
          resolve()
          return
        }
        server.close(() => resolve())
        server.closeAllConnections()
      }).then(() => store.close()),
  }
}
