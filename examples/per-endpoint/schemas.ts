import { type Static, Type } from '@sinclair/typebox'
import { defineSchema } from 'strata'

// Head schemas: the newest version of every endpoint. Older versions are derived from changes.ts.

const state = { type: 'string', enum: ['loaded', 'unloaded'] } as const

const snapshotShape = Type.Object({
  id: Type.String(),
  name: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  state: Type.Unsafe<'loaded' | 'unloaded'>(state),
  locked: Type.Boolean(),
  sites: Type.Array(Type.String()),
  deviceCount: Type.Integer(),
  interfaceCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
})
/** A snapshot (one discovery run of the network) as `GET /api/snapshots/{id}` serves it at head. */
export type SnapshotShape = Static<typeof snapshotShape>
export const Snapshot = defineSchema<SnapshotShape>('Snapshot', snapshotShape)

const snapshotSummaryShape = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: Type.Unsafe<'loaded' | 'unloaded'>(state),
  locked: Type.Boolean(),
  deviceCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
})
export type SnapshotSummaryShape = Static<typeof snapshotSummaryShape>
export const SnapshotSummary = defineSchema<SnapshotSummaryShape>('SnapshotSummary', snapshotSummaryShape)

const snapshotCreateShape = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  /** Discover only these sites; all sites of the latest snapshot when absent. */
  sites: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
  locked: Type.Optional(Type.Boolean()),
})
export type SnapshotCreateShape = Static<typeof snapshotCreateShape>
export const SnapshotCreate = defineSchema<SnapshotCreateShape>('SnapshotCreate', snapshotCreateShape)

const deviceShape = Type.Object({
  id: Type.Integer(),
  snapshotId: Type.String(),
  hostname: Type.String(),
  siteName: Type.String(),
  vendor: Type.String(),
  platform: Type.String(),
  model: Type.String(),
  serialNumber: Type.String(),
  loginIp: Type.String(),
  uptime: Type.Integer({ description: 'Seconds since the last reboot' }),
})
export type DeviceShape = Static<typeof deviceShape>
export const Device = defineSchema<DeviceShape>('Device', deviceShape)

const interfaceShape = Type.Object({
  id: Type.Integer(),
  snapshotId: Type.String(),
  hostname: Type.String(),
  siteName: Type.String(),
  intName: Type.String(),
  l1: Type.Unsafe<'up' | 'down'>({ type: 'string', enum: ['up', 'down'] }),
  mtu: Type.Integer(),
  speed: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Bits per second' }),
})
export type InterfaceShape = Static<typeof interfaceShape>
export const Interface = defineSchema<InterfaceShape>('Interface', interfaceShape)

const meta = Type.Object({ count: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() })

/** A page of a table: `data` rows and `_meta` counts (the IP Fabric table envelope). */
const page = (row: unknown) => ({
  type: 'object',
  required: ['data', '_meta'],
  properties: { data: { type: 'array', items: row }, _meta: meta },
})

export const SnapshotList = page(SnapshotSummary.schema)
export const DeviceList = page(Device.schema)
export const InterfaceList = page(Interface.schema)

const paging = {
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
}
const filter = () => Type.Optional(Type.String({ minLength: 1, maxLength: 128 }))

export const DeviceQuery = Type.Object({
  snapshot: filter(),
  siteName: filter(),
  vendor: filter(),
  hostname: filter(),
  ...paging,
})
export type DeviceQueryShape = Static<typeof DeviceQuery>

export const InterfaceQuery = Type.Object({
  snapshot: filter(),
  hostname: filter(),
  siteName: filter(),
  l1: Type.Optional(Type.Unsafe<'up' | 'down'>({ type: 'string', enum: ['up', 'down'] })),
  ...paging,
})
export type InterfaceQueryShape = Static<typeof InterfaceQuery>

export const SnapshotId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })
