import type { FastifyInstance } from 'fastify'
import { HttpProblem } from 'strata'
import { listPage } from '../page.ts'
import { newId, notFound, orgOf, presentCluster } from '../present.ts'
import {
  Cluster,
  ClusterCreate,
  type ClusterCreateShape,
  ClusterList,
  ClusterUpdate,
  type ClusterUpdateShape,
  EnvironmentFilter,
  IdParam,
} from '../schemas.ts'
import { type RouteEnv, requireEnvironment } from './env.ts'

// Head only (cmk/v2): cmk/v1 reaches these handlers at /cmk/v1/... through changes.ts.
const cmk = { strata: { scope: 'cmk' } } as const

/** Refuses a cluster past the environment's quota: 402 QUOTA_EXCEEDED naming the quota, limit and use. */
async function requireClusterQuota(env: RouteEnv, orgId: string, environmentId: string): Promise<void> {
  const { count } = await env.db
    .selectFrom('clusters')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('org_id', '=', orgId)
    .where('environment_id', '=', environmentId)
    .executeTakeFirstOrThrow()
  const used = Number(count)
  if (used < env.clusterQuota) return
  throw new HttpProblem({
    status: 402,
    code: 'QUOTA_EXCEEDED',
    message: `Environment ${environmentId} already holds ${used} clusters, its quota`,
    suggestion:
      'Delete a cluster of this environment, create the cluster in another environment, or ask for a higher quota',
    data: { quota: 'clusters_per_environment', limit: env.clusterQuota, used },
  })
}

/** `/cmk/v2/clusters`: Kafka clusters with spec/status, PROVISIONING until `provisionMs` has passed. */
export function cmkRoutes(env: RouteEnv) {
  const { db } = env
  const find = (orgId: string, id: string) =>
    db.selectFrom('clusters').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()

  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { environment: string } }>(
      '/cmk/v2/clusters',
      { config: cmk, schema: { querystring: EnvironmentFilter, response: { 200: ClusterList.schema } } },
      async (req, reply) => {
        const filter = { environment: req.query.environment }
        const where = { org_id: orgOf(req), environment_id: filter.environment }
        const page = await listPage(env, req, reply, 'clusters', where, filter)
        const base = env.baseUrl(req)
        const now = env.now()
        return {
          api_version: 'cmk/v2',
          kind: 'ClusterList',
          metadata: { ...page.links, total_size: page.totalSize },
          data: page.items.map((row) => presentCluster(base, row, now)),
        }
      },
    )

    app.post<{ Body: ClusterCreateShape }>(
      '/cmk/v2/clusters',
      { config: cmk, schema: { body: ClusterCreate.schema, response: { 202: Cluster.schema } } },
      async (req, reply) => {
        const orgId = orgOf(req)
        const { spec } = req.body
        await requireEnvironment(
          db,
          orgId,
          spec.environment.id,
          'Create the environment first, or name an existing one',
        )
        await requireClusterQuota(env, orgId, spec.environment.id)
        const now = env.now()
        const at = now.toISOString()
        const row = {
          id: newId('lkc'),
          org_id: orgId,
          environment_id: spec.environment.id,
          display_name: spec.display_name,
          availability: spec.availability ?? 'SINGLE_ZONE',
          cloud: spec.cloud,
          region: spec.region,
          config_kind: spec.config?.kind ?? 'Basic',
          created_at: at,
          updated_at: at,
          ready_at: new Date(now.getTime() + env.provisionMs).toISOString(),
        }
        await db.insertInto('clusters').values(row).execute()
        const body = presentCluster(env.baseUrl(req), row, now)
        return reply.code(202).header('Location', body.metadata.self).send(body)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/cmk/v2/clusters/:id',
      { config: cmk, schema: { params: IdParam, response: { 200: Cluster.schema } } },
      async (req) => {
        const row = await find(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('cluster', req.params.id)
        return presentCluster(env.baseUrl(req), row, env.now())
      },
    )

    app.patch<{ Params: { id: string }; Body: ClusterUpdateShape }>(
      '/cmk/v2/clusters/:id',
      { config: cmk, schema: { params: IdParam, body: ClusterUpdate.schema, response: { 200: Cluster.schema } } },
      async (req) => {
        const row = await find(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('cluster', req.params.id)
        const now = env.now()
        const next = { ...row, ...req.body.spec, updated_at: now.toISOString() }
        await db
          .updateTable('clusters')
          .set({ display_name: next.display_name, availability: next.availability, updated_at: next.updated_at })
          .where('id', '=', row.id)
          .execute()
        return presentCluster(env.baseUrl(req), next, now)
      },
    )

    app.delete<{ Params: { id: string } }>(
      '/cmk/v2/clusters/:id',
      { config: cmk, schema: { params: IdParam } },
      async (req, reply) => {
        const row = await find(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('cluster', req.params.id)
        await db.deleteFrom('clusters').where('id', '=', row.id).execute()
        return reply.code(204).send()
      },
    )
  }
}
