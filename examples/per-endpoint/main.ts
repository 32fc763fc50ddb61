import Fastify, { type FastifyInstance } from 'fastify'
import { strata, strataRewriteUrl } from 'strata/fastify'
import { createUsage } from 'strata/usage'
import { defineInventoryApi } from './api.ts'
import { inventoryRoutes } from './routes.ts'
import { InventoryStore } from './store.ts'

/**
 * The per-endpoint versioned network-inventory API (the IP Fabric program) on Fastify with its
 * SQLite store. Routes live under `/api`; the deprecated `/api/v7.x/...` form reaches the same routes.
 */
export async function createServer(options: {
  dataDir: string
  clock?: () => Date
  logger?: boolean
}): Promise<FastifyInstance> {
  const clock = options.clock ?? (() => new Date())
  const api = defineInventoryApi(clock)
  const store = new InventoryStore(options.dataDir)
  // Usage counts under dataDir; written every 10 s and on close (examples/run.ts closes on SIGTERM).
  const usage = await createUsage({ api, dataDir: options.dataDir })
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // `/api/v7.5/snapshots` is routed as `/api/snapshots`; the plugin adds its Deprecation and Sunset.
    rewriteUrl: strataRewriteUrl(api),
    ajv: { customOptions: { allErrors: true } },
  })
  app.addHook('onClose', async () => {
    store.close()
    await usage.close()
  })
  await app.register(strata, { api, onExchange: usage.observers, unversioned: usage.routes })
  await app.register(inventoryRoutes(store, clock), { prefix: '/api' })
  return app
}
