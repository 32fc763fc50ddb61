import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import express from 'express'
import Fastify from 'fastify'
import { Hono } from 'hono'
import type { RuntimeOptions } from 'strata'
import { strataExpress } from 'strata/express'
import { conventions, declaredRoutes, strata } from 'strata/fastify'
import { strataHono } from 'strata/hono'
import { createStrataServer } from 'strata/node'

/** An app of one adapter, serving given runtime options on a loopback port. */
export interface RunningServer {
  readonly url: string
  close(): Promise<void>
}

/**
 * How the conformance suite starts an API on one adapter, in-process: the one small interface a new
 * adapter implements to join the suite.
 */
export type StartServer = (options: RuntimeOptions) => Promise<RunningServer>

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const fastify: StartServer = async (options) => {
  const app = Fastify()
  if (options.conventions !== undefined) await app.register(conventions, options.conventions)
  await app.register(strata, {
    api: options.api,
    principal: (req) => req.principal,
    ...(options.onExchange !== undefined ? { onExchange: options.onExchange } : {}),
    ...(options.unversioned !== undefined ? { unversioned: options.unversioned } : {}),
  })
  await app.register(declaredRoutes(options.routes, (req) => req.principal))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() }
}

export const servers: readonly { readonly name: string; readonly start: StartServer }[] = [
  { name: 'fastify', start: fastify },
  { name: 'node:http', start: async (options) => listen(createStrataServer(options)) },
  {
    name: 'hono',
    start: async (options) => {
      const binding = strataHono(options)
      const app = new Hono()
      app.use(binding)
      app.notFound(binding.notFound)
      app.onError(binding.onError)
      return listen(createAdaptorServer({ fetch: app.fetch }) as Server)
    },
  },
  {
    name: 'express',
    start: async (options) => {
      const binding = strataExpress(options)
      const app = express()
      app.use(binding)
      app.use(binding.notFound)
      app.use(binding.errors)
      return listen(createHttpServer(app))
    },
  },
]
