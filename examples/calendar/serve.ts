import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Runtime, RuntimeOptions } from 'strata'
import { createPortal } from 'strata/portal'
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

/**
 * The calendar program's runtime options (API, routes, SQLite store under `dataDir`), shared by the
 * adapters: only the route wiring differs between them.
 */
export function calendarProgram(options: { dataDir: string; clock?: () => Date }): {
  runtime: RuntimeOptions
  store: AssetStore
} {
  const clock = options.clock ?? (() => new Date())
  const store = new AssetStore(options.dataDir)
  return {
    runtime: { api: defineAssetsApi(clock), routes: calendarRoutes(store, clock), pages: createPortal() },
    store,
  }
}

/**
 * Wraps a node:http server of an adapter in the shape examples/run.ts and the CLI expect; contracts
 * are read from the adapter's binding.
 */
export function exampleServer(server: Server, runtime: Runtime, store: AssetStore): ExampleServer {
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
      new Promise((resolve) => {
        store.close()
        if (!server.listening) {
          resolve()
          return
        }
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
