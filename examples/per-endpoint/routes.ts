import type { FastifyInstance } from 'fastify'
import { HttpProblem } from 'strata'
import {
  DeviceList,
  DeviceQuery,
  type DeviceQueryShape,
  InterfaceList,
  InterfaceQuery,
  type InterfaceQueryShape,
  Snapshot,
  SnapshotCreate,
  type SnapshotCreateShape,
  SnapshotId,
  SnapshotList,
  type SnapshotShape,
  type SnapshotSummaryShape,
} from './schemas.ts'
import type { InventoryStore, StoredSnapshot } from './store.ts'

// Head only: every older endpoint version is served from these handlers through the change ledger.

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')

const present = (s: StoredSnapshot): SnapshotShape => ({ ...s, createdAt: iso(s.createdAt) })
const summary = (s: StoredSnapshot): SnapshotSummaryShape => ({
  id: s.id,
  name: s.name,
  state: s.state,
  locked: s.locked,
  deviceCount: s.deviceCount,
  createdAt: iso(s.createdAt),
})

const notFound = (id: string): HttpProblem =>
  new HttpProblem({ status: 404, code: 'NOT_FOUND', message: `Snapshot ${id} does not exist` })

/** Picks one endpoint scope per route: each endpoint is versioned on its own. */
const scope = (name: string) => ({ strata: { scope: name } })

/** Snapshots, devices and interfaces under `/api`. */
export function inventoryRoutes(store: InventoryStore, clock: () => Date) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/snapshots',
      { config: scope('snapshots.list'), schema: { response: { 200: SnapshotList } } },
      async () => {
        const rows = store.listSnapshots().map(summary)
        return { data: rows, _meta: { count: rows.length, limit: rows.length, offset: 0 } }
      },
    )

    app.post<{ Body: SnapshotCreateShape }>(
      '/snapshots',
      {
        config: scope('snapshots.create'),
        schema: { body: SnapshotCreate.schema, response: { 201: Snapshot.schema } },
      },
      async (req, reply) => reply.code(201).send(present(store.createSnapshot(req.body, clock().getTime()))),
    )

    app.get<{ Params: { id: string } }>(
      '/snapshots/:id',
      { config: scope('snapshots.get'), schema: { params: SnapshotId, response: { 200: Snapshot.schema } } },
      async (req) => {
        const snapshot = store.getSnapshot(req.params.id)
        if (snapshot === undefined) throw notFound(req.params.id)
        return present(snapshot)
      },
    )

    app.delete<{ Params: { id: string } }>(
      '/snapshots/:id',
      { config: scope('snapshots.delete'), schema: { params: SnapshotId } },
      async (req, reply) => {
        const outcome = store.deleteSnapshot(req.params.id)
        if (outcome === 'missing') throw notFound(req.params.id)
        if (outcome === 'locked') {
          throw new HttpProblem({
            status: 409,
            code: 'CONFLICT',
            message: `Snapshot ${req.params.id} is locked and cannot be deleted`,
          })
        }
        return reply.code(204).send()
      },
    )

    app.get<{ Querystring: DeviceQueryShape }>(
      '/devices',
      { config: scope('devices.list'), schema: { querystring: DeviceQuery, response: { 200: DeviceList } } },
      async (req) => {
        const { limit, offset, snapshot, ...filters } = req.query
        const page = store.devices({ ...filters, snapshot: store.resolveSnapshot(snapshot) ?? '' }, limit, offset)
        return { data: page.rows, _meta: { count: page.count, limit, offset } }
      },
    )

    app.get<{ Querystring: InterfaceQueryShape }>(
      '/inventory/interfaces',
      {
        config: scope('inventory.interfaces'),
        schema: { querystring: InterfaceQuery, response: { 200: InterfaceList } },
      },
      async (req) => {
        const { limit, offset, snapshot, ...filters } = req.query
        const page = store.interfaces({ ...filters, snapshot: store.resolveSnapshot(snapshot) ?? '' }, limit, offset)
        return { data: page.rows, _meta: { count: page.count, limit, offset } }
      },
    )
  }
}
