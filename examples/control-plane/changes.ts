import { defineChange, endpoint, schema } from 'strata'
import { Cluster, ClusterCreate, ClusterList, ClusterUpdate } from './schemas.ts'

// The ledger of the cmk group: what broke between cmk/v1 and cmk/v2. Handlers and storage know
// only cmk/v2; cmk/v1 is served from them through these entries until its sunset.

const V2 = '/cmk/v2/clusters'
const V1 = '/cmk/v1/clusters'

export const moveClustersToV2 = defineChange({
  name: 'moveClustersToV2',
  description: 'The clusters endpoints move from `/cmk/v1/clusters` to `/cmk/v2/clusters`.',
  instructions: [
    ...['GET', 'POST'].map((method) => endpoint(method, V2).renamedFrom({ path: V1 })),
    ...['GET', 'PATCH', 'DELETE'].map((method) => endpoint(method, `${V2}/:id`).renamedFrom({ path: `${V1}/:id` })),
  ],
})

export const renameClusterNameToDisplayName = defineChange({
  name: 'renameClusterNameToDisplayName',
  description: "A cluster's `spec.name` is renamed to `spec.display_name`, the standard property name.",
  instructions: [Cluster, ClusterCreate, ClusterUpdate].map((target) =>
    schema(target).field('spec.display_name').renamedFrom('name'),
  ),
})

export const createClusterAnswers202 = defineChange({
  name: 'createClusterAnswers202',
  description: 'Creating a cluster answers `202 Accepted` (provisioning continues) instead of `201 Created`.',
  instructions: [endpoint('POST', V2).statusChanged({ status: 202, from: 201 })],
})

const toV1 = (url: string): string => url.replace('/cmk/v2/', '/cmk/v1/')

export const clusterApiVersionV2 = defineChange({
  name: 'clusterApiVersionV2',
  description: 'Cluster objects and lists carry `api_version: cmk/v2` and `self` links under `/cmk/v2`.',
  instructions: [
    schema(Cluster).migrate<Record<string, unknown>>({
      response: (cluster) => ({
        ...cluster,
        api_version: 'cmk/v1',
        metadata: { ...cluster.metadata, self: toV1(cluster.metadata.self) },
      }),
    }),
    schema(ClusterList).migrate<Record<string, unknown>, Record<string, unknown>>({
      response: (list) => ({ ...list, api_version: 'cmk/v1' }),
    }),
  ],
})
