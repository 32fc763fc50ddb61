import Fastify, { type FastifyInstance } from 'fastify'
import { declaredRoutes, strata } from 'strata/fastify'
import { createUsage } from 'strata/usage'
import { defineAssetsApi } from './api.ts'
import { assetRoutes } from './routes.ts'
import { AssetStore } from './store.ts'

/**
 * The calendar-versioned assets API (the Cognite program) on Fastify with its SQLite store.
 * Routes live under `/api/v1` (versioned by `Cdf-Version`) and `/api/playground` (head).
 */
export async function createServer(options: {
  dataDir: string
  clock?: () => Date
  logger?: boolean
}): Promise<FastifyInstance> {
  const clock = options.clock ?? (() => new Date())
  const store = new AssetStore(options.dataDir)
  const api = defineAssetsApi(clock)
  // Usage counts under dataDir; written every 10 s and on close (examples/run.ts closes on SIGTERM).
  const usage = await createUsage({ api, dataDir: options.dataDir })
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Report every failed field at once; type coercion stays on for query strings.
    ajv: { customOptions: { allErrors: true } },
  })
  app.addHook('onClose', async () => {
    store.close()
    await usage.close()
  })
  // The API reads JSON only: any other media type is a 415, as on every other adapter.
  app.removeContentTypeParser('text/plain')
  await app.register(strata, { api, onExchange: usage.observers, unversioned: usage.routes })
  const routes = declaredRoutes(assetRoutes(store, clock))
  await app.register(routes, { prefix: '/api/v1' })
  await app.register(routes, { prefix: '/api/playground' })
  return app
}
