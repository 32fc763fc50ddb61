import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpProblem } from 'strata'
import type { Asset, AssetStore } from './store.ts'

// Hand-written version branch for the 2024-06-01 rename of `name` to `title`.
// TODO(#3): replace with a change-ledger entry once the migration engine exists.
const RENAMED = '2024-06-01'

const nameField = (req: FastifyRequest): 'title' | 'name' => (req.strata.atLeast(RENAMED) ? 'title' : 'name')

function present(req: FastifyRequest, asset: Asset): Record<string, unknown> {
  const { id, externalId, title, ...rest } = asset
  return { id, externalId, [nameField(req)]: title, ...rest }
}

const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const

const assetBody = {
  type: 'object',
  properties: {
    externalId: { type: 'string', minLength: 1, maxLength: 255 },
    title: { type: 'string', minLength: 1, maxLength: 140 },
    name: { type: 'string', minLength: 1, maxLength: 140 },
    description: { type: 'string', maxLength: 500 },
    parentId: { type: 'integer', minimum: 1 },
    metadata: {
      type: 'object',
      additionalProperties: { type: 'string', maxLength: 1024 },
      maxProperties: 256,
    },
  },
} as const

interface AssetBody {
  externalId?: string
  title?: string
  name?: string
  description?: string
  parentId?: number
  metadata?: Record<string, string>
}

function notFound(id: number): HttpProblem {
  return new HttpProblem({ status: 404, code: 'NOT_FOUND', message: `Asset ${id} does not exist` })
}

function titleOf(req: FastifyRequest, body: AssetBody, required: boolean): string | undefined {
  const field = nameField(req)
  const value = body[field]
  if (value === undefined && required) {
    throw new HttpProblem({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: '1 field failed validation',
      fields: [{ field, message: 'is required', reason: 'required' }],
    })
  }
  return value
}

function checkReferences(store: AssetStore, body: AssetBody, selfId?: number): void {
  if (body.parentId !== undefined && (body.parentId === selfId || store.get(body.parentId) === undefined)) {
    throw new HttpProblem({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: '1 field failed validation',
      fields: [{ field: 'parentId', message: `asset ${body.parentId} cannot be the parent`, reason: 'reference' }],
    })
  }
  if (body.externalId !== undefined) {
    const other = store.findByExternalId(body.externalId)
    if (other !== undefined && other.id !== selfId) {
      throw new HttpProblem({
        status: 409,
        code: 'CONFLICT',
        message: `An asset with externalId '${body.externalId}' already exists`,
        suggestion: 'Choose another externalId, or update the existing asset',
      })
    }
  }
}

/** The assets resource: list, create, get, update, delete, under one prefix. */
export function assetRoutes(store: AssetStore, clock: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { limit?: number; cursor?: string; parentId?: number } }>(
      '/assets',
      {
        schema: {
          querystring: {
            type: 'object',
            properties: {
              limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
              cursor: { type: 'string', pattern: '^[0-9]{1,15}$' },
            },
          },
        },
      },
      async (req) => {
        const page = store.list(req.query.limit ?? 100, Number(req.query.cursor ?? 0))
        return {
          items: page.items.map((a) => present(req, a)),
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        }
      },
    )

    app.post<{ Body: AssetBody }>('/assets', { schema: { body: assetBody } }, async (req, reply) => {
      const title = titleOf(req, req.body, true)!
      checkReferences(store, req.body)
      const { name: _, title: __, ...rest } = req.body
      const asset = store.create({ ...rest, title }, clock().getTime())
      return reply.code(201).send(present(req, asset))
    })

    app.get<{ Params: { id: number } }>('/assets/:id', { schema: { params: idParams } }, async (req) => {
      const asset = store.get(req.params.id)
      if (asset === undefined) throw notFound(req.params.id)
      return present(req, asset)
    })

    app.patch<{ Params: { id: number }; Body: AssetBody }>(
      '/assets/:id',
      { schema: { params: idParams, body: assetBody } },
      async (req) => {
        if (store.get(req.params.id) === undefined) throw notFound(req.params.id)
        const title = titleOf(req, req.body, false)
        checkReferences(store, req.body, req.params.id)
        const { name: _, title: __, ...rest } = req.body
        const asset = store.update(
          req.params.id,
          { ...rest, ...(title !== undefined ? { title } : {}) },
          clock().getTime(),
        )
        return present(req, asset!)
      },
    )

    app.delete<{ Params: { id: number } }>('/assets/:id', { schema: { params: idParams } }, async (req, reply) => {
      if (!store.remove(req.params.id)) throw notFound(req.params.id)
      return reply.code(204).send()
    })
  }
}
