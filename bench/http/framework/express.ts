// Express 5: bare routes (`express.json()` + Ajv at head on POST), and the `strataExpress` middleware.
import { createServer, type Server } from 'node:http'
import express from 'express'
import { strataExpress } from 'strata/express'
import { list, one, syntheticApi, syntheticRoutes, validateHeadBody } from '../synthetic.ts'

export async function expressServer(variant: 'bare' | 'strata'): Promise<Server> {
  const app = express()
  app.disable('x-powered-by')
  if (variant === 'strata') {
    const strata = strataExpress({ api: syntheticApi(), routes: syntheticRoutes() })
    app.use(strata)
    app.use(strata.notFound)
    app.use(strata.errors)
  } else {
    app.get('/items/:id', (_req, res) => {
      res.json(one)
    })
    app.get('/items', (_req, res) => {
      res.json(list)
    })
    app.post('/items', express.json(), (req, res) => {
      if (!validateHeadBody(req.body))
        res.status(422).json({ message: 'invalid body', errors: validateHeadBody.errors })
      else res.status(201).json(req.body)
    })
  }
  return createServer(app)
}
