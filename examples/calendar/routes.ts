import { defineRoute, HttpProblem, type RouteDefinition, respond, withPrefix } from 'strata'
import { Asset, AssetCreate, AssetId, AssetList, AssetListQuery, type AssetShape, AssetUpdate } from './schemas.ts'
import type { Assets, Asset as StoredAsset } from './store.ts'

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

function checkReferences(store: Assets, body: { parentId?: number; externalId?: string }, selfId?: number): void {
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

/**
 * The assets resource: list, create, get, update, delete, declared once for every adapter (mount
 * them under `/api/v1` and `/api/playground`).
 */
export function assetRoutes(store: Assets, clock: () => Date): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/assets',
      query: AssetListQuery,
      responses: { 200: AssetList },
      handler: ({ query }) => {
        const page = store.list(query.limit, Number(query.cursor ?? 0), query.parentId)
        return { items: page.items.map(present), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/assets',
      body: AssetCreate,
      responses: { 201: Asset },
      handler: ({ body }) => {
        checkReferences(store, body)
        return respond(201, present(store.create(body, clock().getTime())))
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/assets/:id',
      params: AssetId,
      responses: { 200: Asset },
      handler: ({ params }) => {
        const asset = store.get(params.id)
        if (asset === undefined) throw notFound(params.id)
        return present(asset)
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/assets/:id',
      params: AssetId,
      body: AssetUpdate,
      responses: { 200: Asset },
      handler: ({ params, body }) => {
        if (store.get(params.id) === undefined) throw notFound(params.id)
        checkReferences(store, body, params.id)
        return present(store.update(params.id, body, clock().getTime())!)
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/assets/:id',
      params: AssetId,
      handler: ({ params }) => {
        if (!store.remove(params.id)) throw notFound(params.id)
        return respond(204)
      },
    }),
  ]
}

/** The routes of every adapter: the assets resource under `/api/v1` (versioned) and `/api/playground` (head). */
export function calendarRoutes(store: Assets, clock: () => Date): RouteDefinition[] {
  const assets = assetRoutes(store, clock)
  return [...withPrefix('/api/v1', assets), ...withPrefix('/api/playground', assets)]
}
