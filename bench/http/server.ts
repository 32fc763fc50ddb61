// One benchmark server: `node ... server.ts <app> <variant>` where app is `calendar` (the example's
// routes on its SQLite store) or `synthetic` (in-memory items, 10 breaking changes back), and variant
// is `bare` (Fastify alone, head routes) or `strata` (the same routes behind the Strata plugin).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { calendarScheme, defineApi, defineVersions, fromHeader } from 'strata'
import { declaredRoutes, strata } from 'strata/fastify'
import { defineAssetsApi } from '../../examples/calendar/api.ts'
import { assetRoutes } from '../../examples/calendar/routes.ts'
import { AssetStore } from '../../examples/calendar/store.ts'
import { Item, ItemList, item, versionsWith } from '../migrate/fixtures.ts'

const [app = 'calendar', variant = 'strata'] = process.argv.slice(2)
const server: FastifyInstance = Fastify({ logger: false })

if (app === 'calendar') {
  const store = new AssetStore(mkdtempSync(join(tmpdir(), 'strata-bench-')))
  const now = Date.parse('2026-01-01T00:00:00Z')
  for (let i = 0; i < 1000; i++)
    store.create({ title: `asset ${i}`, description: 'pump', metadata: { site: 'north' } }, now)
  if (variant === 'strata') await server.register(strata, { api: defineAssetsApi() })
  await server.register(declaredRoutes(assetRoutes(store, () => new Date())), { prefix: '/api/v1' })
} else {
  if (variant === 'strata') {
    const api = defineApi({
      versions: defineVersions({ scheme: calendarScheme(), versions: versionsWith(10) }),
      negotiation: { sources: [fromHeader('Api-Version')] },
    })
    await server.register(strata, { api })
  }
  if (variant === 'bare-headers') {
    // Bare Fastify sending the headers Strata sends on this route: isolates what the headers cost.
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
  const list = { items: Array.from({ length: 1000 }, (_, i) => item(i)) }
  server.get('/items/:id', { schema: { response: { 200: Item.schema } } }, async () => item(1))
  server.get('/items', { schema: { response: { 200: ItemList } } }, async () => list)
  server.post('/items', { schema: { body: Item.schema, response: { 201: Item.schema } } }, async (req, reply) =>
    reply.code(201).send(req.body),
  )
}

await server.listen({ host: '127.0.0.1', port: 0 })
const address = server.server.address()
process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : 0}\n`)
process.on('SIGTERM', () => server.close().then(() => process.exit(0)))
