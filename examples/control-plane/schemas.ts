import { type Static, Type } from '@sinclair/typebox'
import { defineSchema } from 'strata'

// Head request and response shapes. Only the cmk group has an older generation (cmk/v1), derived
// from these schemas by changes.ts; the other groups have one generation each.

const displayName = Type.String({ minLength: 1, maxLength: 64 })
const description = Type.String({ maxLength: 256 })
// MUST IGNORE: objects are closed, so Fastify strips unknown request fields instead of keeping them.
const closed = { additionalProperties: false } as const

export const EnvironmentCreate = Type.Object({ display_name: displayName }, closed)
export const EnvironmentUpdate = Type.Object({ display_name: Type.Optional(displayName) }, closed)
export const ServiceAccountCreate = Type.Object(
  { display_name: displayName, description: Type.Optional(description) },
  closed,
)
export const ServiceAccountUpdate = Type.Object({ description: Type.Optional(description) }, closed)
export const ApiKeyCreate = Type.Object(
  {
    spec: Type.Object(
      {
        display_name: Type.Optional(displayName),
        description: Type.Optional(description),
        owner: Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, closed),
      },
      closed,
    ),
  },
  closed,
)
export const ApiKeyUpdate = Type.Object(
  {
    spec: Type.Object({ display_name: Type.Optional(displayName), description: Type.Optional(description) }, closed),
  },
  closed,
)
export const NetworkCreate = Type.Object(
  {
    spec: Type.Object(
      {
        display_name: displayName,
        cloud: Type.Union([Type.Literal('AWS'), Type.Literal('GCP'), Type.Literal('AZURE')]),
        region: Type.String({ minLength: 1, maxLength: 64 }),
        environment: Type.Object({ id: Type.String({ minLength: 1 }) }, closed),
      },
      closed,
    ),
  },
  closed,
)

/** List filters that take an environment, as Confluent's cmk and networking lists do. */
export const EnvironmentFilter = Type.Object({
  environment: Type.String({ minLength: 1, maxLength: 255 }),
  page_size: Type.Optional(Type.String()),
  page_token: Type.Optional(Type.String()),
})
export const IdParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) })

const cloud = { type: 'string', enum: ['AWS', 'GCP', 'AZURE'] } as const
const availability = { type: 'string', enum: ['SINGLE_ZONE', 'MULTI_ZONE'] } as const
const clusterKind = { type: 'string', enum: ['Basic', 'Standard', 'Dedicated'] } as const
const envRef = Type.Object({ id: Type.String(), related: Type.String(), resource_name: Type.String() })

const clusterShape = Type.Object({
  api_version: Type.String(),
  kind: Type.String(),
  id: Type.String(),
  metadata: Type.Object({
    self: Type.String(),
    resource_name: Type.String(),
    created_at: Type.String(),
    updated_at: Type.String(),
  }),
  spec: Type.Object({
    display_name: Type.String(),
    availability: Type.String(availability),
    cloud: Type.String(cloud),
    region: Type.String(),
    config: Type.Object({ kind: Type.String(clusterKind) }),
    environment: envRef,
  }),
  status: Type.Object({ phase: Type.String() }),
})
/** A Kafka cluster as cmk/v2 (head) serves it: spec is the desired state, status the observed one. */
export type ClusterShape = Static<typeof clusterShape>
export const Cluster = defineSchema<ClusterShape>('Cluster', clusterShape)

export const ClusterList = defineSchema(
  'ClusterList',
  Type.Object({
    api_version: Type.String(),
    kind: Type.String(),
    metadata: Type.Object({
      first: Type.Optional(Type.String()),
      last: Type.Optional(Type.String()),
      prev: Type.Optional(Type.String()),
      next: Type.Optional(Type.String()),
      total_size: Type.Integer(),
    }),
    data: Type.Array(Cluster.schema as never),
  }),
)

const clusterCreateShape = Type.Object(
  {
    spec: Type.Object(
      {
        display_name: displayName,
        availability: Type.Optional(Type.String({ ...availability, default: 'SINGLE_ZONE' })),
        cloud: Type.String(cloud),
        region: Type.String({ minLength: 1, maxLength: 64 }),
        config: Type.Optional(Type.Object({ kind: Type.String(clusterKind) }, closed)),
        environment: Type.Object({ id: Type.String({ minLength: 1, maxLength: 255 }) }, closed),
      },
      closed,
    ),
  },
  closed,
)
export type ClusterCreateShape = Static<typeof clusterCreateShape>
export const ClusterCreate = defineSchema<ClusterCreateShape>('ClusterCreate', clusterCreateShape)

const clusterUpdateShape = Type.Object(
  {
    spec: Type.Object(
      { display_name: Type.Optional(displayName), availability: Type.Optional(Type.String(availability)) },
      closed,
    ),
  },
  closed,
)
export type ClusterUpdateShape = Static<typeof clusterUpdateShape>
export const ClusterUpdate = defineSchema<ClusterUpdateShape>('ClusterUpdate', clusterUpdateShape)

// Responses of the org, iam and networking groups, so their contracts promise what they send.
const metadata = Type.Object({
  self: Type.String(),
  resource_name: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
})
const listMetadata = Type.Object({
  first: Type.Optional(Type.String()),
  last: Type.Optional(Type.String()),
  prev: Type.Optional(Type.String()),
  next: Type.Optional(Type.String()),
  total_size: Type.Integer(),
})
const resource = { api_version: Type.String(), kind: Type.String(), id: Type.String(), metadata }
const listOf = (name: string, item: { schema: unknown }) =>
  defineSchema(
    name,
    Type.Object({
      api_version: Type.String(),
      kind: Type.String(),
      metadata: listMetadata,
      data: Type.Array(item.schema as never),
    }),
  )

export const Environment = defineSchema('Environment', Type.Object({ ...resource, display_name: Type.String() }))
export const EnvironmentList = listOf('EnvironmentList', Environment)
export const ServiceAccount = defineSchema(
  'ServiceAccount',
  Type.Object({ ...resource, display_name: Type.String(), description: Type.String() }),
)
export const ServiceAccountList = listOf('ServiceAccountList', ServiceAccount)
export const ApiKey = defineSchema(
  'ApiKey',
  Type.Object({
    ...resource,
    spec: Type.Object({
      // Only in the answer to the key's creation.
      secret: Type.Optional(Type.String()),
      display_name: Type.String(),
      description: Type.String(),
      owner: Type.Object({
        id: Type.String(),
        api_version: Type.String(),
        kind: Type.String(),
        related: Type.String(),
        resource_name: Type.String(),
      }),
    }),
  }),
)
export const ApiKeyList = listOf('ApiKeyList', ApiKey)
export const Network = defineSchema(
  'Network',
  Type.Object({
    ...resource,
    spec: Type.Object({
      display_name: Type.String(),
      cloud: Type.String(cloud),
      region: Type.String(),
      environment: envRef,
    }),
    status: Type.Object({ phase: Type.String() }),
  }),
)
export const NetworkList = listOf('NetworkList', Network)
