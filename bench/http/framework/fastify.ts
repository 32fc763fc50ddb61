// Fastify: bare (its own validator and fast-json-stringify from the route schemas), bare sending
// Strata's informational headers, and the Strata plugin serving the declared routes.
import { mkdtempSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { declaredRoutes, strata as strataPlugin } from 'strata/fastify'
import { defineAssetsApi } from '../../../examples/calendar/api.ts'
import { assetRoutes } from '../../../examples/calendar/routes.ts'
import { AssetStore } from '../../../examples/calendar/store.ts'
import { versionsWith } from '../../migrate/fixtures.ts'
import { Item, ItemList, list, one, syntheticApi, syntheticRoutes } from '../synthetic.ts'
import type { App, Variant } from './variant.ts'

export async function fastifyServer(app: App, variant: Variant): Promise<Server> {
  const server = Fastify({ logger: false })
  if (app === 'calendar') {
    const store = new AssetStore(mkdtempSync(join(tmpdir(), 'strata-bench-')))
    const now = Date.parse('2026-01-01T00:00:00Z')
    for (let i = 0; i < 1000; i++)
      store.create({ title: `asset ${i}`, description: 'pump', metadata: { site: 'north' } }, now)
    if (variant === 'strata') await server.register(strataPlugin, { api: defineAssetsApi() })
    await server.register(declaredRoutes(assetRoutes(store, () => new Date())), { prefix: '/api/v1' })
  } else if (variant === 'strata') {
    await server.register(strataPlugin, { api: syntheticApi() })
    await server.register(declaredRoutes(syntheticRoutes()))
  } else {
    if (variant === 'bare-headers') {
      // The headers Strata sends on these routes: isolates what the headers cost.
      const headers = {
        'x-api-versions-supported': versionsWith(10)
          .map((v) => v.id)
          .join(', '),
        'x-api-version-used': '2001-01-10',
      }
      server.addHook('onRequest', (_req, reply, done) => {
        reply.headers(headers)
        done()
      })
    }
    server.get('/items/:id', { schema: { response: { 200: Item.schema } } }, async () => one)
    server.get('/items', { schema: { response: { 200: ItemList } } }, async () => list)
    server.post('/items', { schema: { body: Item.schema, response: { 201: Item.schema } } }, async (req, reply) =>
      reply.code(201).send(req.body),
    )
  }
  await server.ready()
  return server.server
}
