// One benchmark server: `node ... server.ts <framework> <app> <variant>`. framework is fastify, node,
// hono or express; app is `synthetic` (in-memory items, 10 breaking changes back, every framework) or
// `calendar` (the example's routes on its SQLite store, Fastify only); variant is `bare` (the framework
// alone at head, plus Ajv where it has no validator), `bare-headers` (bare Fastify sending Strata's
// headers) or `strata` (the adapter serving the routes declared with `defineRoute`).
import type { Server } from 'node:http'
import { expressServer } from './framework/express.ts'
import { fastifyServer } from './framework/fastify.ts'
import { honoServer } from './framework/hono.ts'
import { nodeServer } from './framework/node.ts'
import { type App, type Framework, frameworks, type Variant } from './framework/variant.ts'

const usage = 'usage: server.ts <fastify|node|hono|express> <synthetic|calendar> <bare|bare-headers|strata>'
const [framework, app, variant] = process.argv.slice(2) as [Framework, App, Variant]
const valid =
  frameworks.includes(framework) &&
  (app === 'synthetic' || (app === 'calendar' && framework === 'fastify')) &&
  (variant === 'bare' || variant === 'strata' || (variant === 'bare-headers' && framework === 'fastify'))
if (!valid) {
  console.error(usage)
  process.exit(2)
}

const plain = variant === 'strata' ? 'strata' : 'bare'
const server: Server =
  framework === 'fastify'
    ? await fastifyServer(app, variant)
    : framework === 'node'
      ? await nodeServer(plain)
      : framework === 'hono'
        ? await honoServer(plain)
        : await expressServer(plain)

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : 0}\n`)
})
process.on('SIGTERM', () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})
