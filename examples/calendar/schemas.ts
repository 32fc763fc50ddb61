import { type Static, Type } from '@sinclair/typebox'
import { defineSchema } from 'strata'

// Head schemas: the newest version's shapes. Older versions are derived from changes.ts.

const criticality = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
])
const criticalityEnum = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] } as const
const metadata = Type.Record(Type.String(), Type.String({ maxLength: 1024 }), { maxProperties: 256 })

const assetShape = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  criticality: { ...criticality, ...criticalityEnum },
  metadata,
  createdTime: Type.String({ format: 'date-time' }),
  lastUpdatedTime: Type.String({ format: 'date-time' }),
})

/** An asset as head serves it. */
export type AssetShape = Static<typeof assetShape>
export const Asset = defineSchema<AssetShape>('Asset', assetShape)

const writable = {
  externalId: Type.String({ minLength: 1, maxLength: 255 }),
  description: Type.String({ maxLength: 500 }),
  parentId: Type.Integer({ minimum: 1 }),
  criticality: { ...criticality, ...criticalityEnum },
  metadata,
}

const assetCreateShape = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 140 }),
  ...Type.Partial(Type.Object(writable)).properties,
})
export type AssetCreateShape = Static<typeof assetCreateShape>
export const AssetCreate = defineSchema<AssetCreateShape>('AssetCreate', assetCreateShape)

const assetUpdateShape = Type.Partial(
  Type.Object({ title: Type.String({ minLength: 1, maxLength: 140 }), ...writable }),
)
export type AssetUpdateShape = Static<typeof assetUpdateShape>
export const AssetUpdate = defineSchema<AssetUpdateShape>('AssetUpdate', assetUpdateShape)

/** The list envelope: `items` of assets and an opaque cursor. */
export const AssetList = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: Asset.schema }, nextCursor: { type: 'string' } },
} as const

export const AssetListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
  parentId: Type.Optional(Type.Integer({ minimum: 1 })),
})

export const AssetId = Type.Object({ id: Type.Integer({ minimum: 1 }) })
