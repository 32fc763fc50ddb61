// Hono 4 on @hono/node-server: bare routes (Ajv at head on POST), and the `strataHono` middleware.
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { strataHono } from 'strata/hono'
import { invalidBody, list, one, syntheticApi, syntheticRoutes, validateHeadBody } from '../synthetic.ts'

export async function honoServer(variant: 'bare' | 'strata'): Promise<Server> {
  const app = new Hono()
  if (variant === 'strata') {
    const strata = strataHono({ api: syntheticApi(), routes: syntheticRoutes() })
    app.use(strata)
    app.notFound(strata.notFound)
    app.onError(strata.onError)
  } else {
    app.get('/items/:id', (c) => c.json(one))
    app.get('/items', (c) => c.json(list))
    app.post('/items', async (c) => {
      const body: unknown = await c.req.json()
      if (!validateHeadBody(body)) return c.body(invalidBody(), 422, { 'content-type': 'application/json' })
      return c.json(body, 201)
    })
  }
  return createAdaptorServer({ fetch: app.fetch }) as Server
}
