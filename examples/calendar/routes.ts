import type { FastifyInstance } from 'fastify'
import { HttpProblem } from 'strata'
import {
  Asset,
  AssetCreate,
  type AssetCreateShape,
  AssetId,
  AssetList,
  AssetListQuery,
  type AssetShape,
  AssetUpdate,
  type AssetUpdateShape,
} from './schemas.ts'
import type { AssetStore, Asset as StoredAsset } from './store.ts'

// Head only: every older version is served from these handlers through the change ledger.

const iso = (ms: number): string => new Date(ms).toISOString()

function present(asset: StoredAsset): AssetShape {
  return { ...asset, createdTime: iso(asset.createdTime), lastUpdatedTime: iso(asset.lastUpdatedTime) }
}

function notFound(id: number): HttpProblem {
  return new HttpProblem({
    status: 404,
    code: 'NOT_FOUND',
    message: `Asset ${id} does not exist`,
    suggestion: 'List assets to find an existing id',
  })
}

function checkReferences(store: AssetStore, body: { parentId?: number; externalId?: string }, selfId?: number): void {
  if (body.parentId !== undefined && (body.parentId === selfId || store.get(body.parentId) === undefined)) {
    throw new HttpProblem({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: '1 field failed validation',
      fields: [{ field: 'parentId', message: `asset ${body.parentId} cannot be the parent`, reason: 'reference' }],
      suggestion: 'Point parentId at another existing asset',
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
    app.get<{ Querystring: { limit: number; cursor?: string; parentId?: number } }>(
      '/assets',
      { schema: { querystring: AssetListQuery, response: { 200: AssetList } } },
      async (req) => {
        const page = store.list(req.query.limit, Number(req.query.cursor ?? 0), req.query.parentId)
        return { items: page.items.map(present), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
      },
    )

    app.post<{ Body: AssetCreateShape }>(
      '/assets',
      { schema: { body: AssetCreate.schema, response: { 201: Asset.schema } } },
      async (req, reply) => {
        checkReferences(store, req.body)
        return reply.code(201).send(present(store.create(req.body, clock().getTime())))
      },
    )

    app.get<{ Params: { id: number } }>(
      '/assets/:id',
      { schema: { params: AssetId, response: { 200: Asset.schema } } },
      async (req) => {
        const asset = store.get(req.params.id)
        if (asset === undefined) throw notFound(req.params.id)
        return present(asset)
      },
    )

    app.patch<{ Params: { id: number }; Body: AssetUpdateShape }>(
      '/assets/:id',
      { schema: { params: AssetId, body: AssetUpdate.schema, response: { 200: Asset.schema } } },
      async (req) => {
        if (store.get(req.params.id) === undefined) throw notFound(req.params.id)
        checkReferences(store, req.body, req.params.id)
        return present(store.update(req.params.id, req.body, clock().getTime())!)
      },
    )

    app.delete<{ Params: { id: number } }>('/assets/:id', { schema: { params: AssetId } }, async (req, reply) => {
      if (!store.remove(req.params.id)) throw notFound(req.params.id)
      return reply.code(204).send()
    })
  }
}
