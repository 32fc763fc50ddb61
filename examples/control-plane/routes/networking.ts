import type { FastifyInstance } from 'fastify'
import { listPage } from '../page.ts'
import { newId, notFound, orgOf, presentNetwork } from '../present.ts'
import { EnvironmentFilter, IdParam, Network, NetworkCreate, NetworkList } from '../schemas.ts'
import { type RouteEnv, requireEnvironment } from './env.ts'

// The networking group is in Early Access: the API answers only principals granted it (api.ts).
const networking = { strata: { scope: 'networking' } } as const
type NetworkSpec = { display_name: string; cloud: string; region: string; environment: { id: string } }

/** `/networking/v1/networks`: list, create and get, for early-access principals only. */
export function networkingRoutes(env: RouteEnv) {
  const { db } = env
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Querystring: { environment: string } }>(
      '/networking/v1/networks',
      { config: networking, schema: { querystring: EnvironmentFilter, response: { 200: NetworkList.schema } } },
      async (req, reply) => {
        const filter = { environment: req.query.environment }
        const where = { org_id: orgOf(req), environment_id: filter.environment }
        const page = await listPage(env, req, reply, 'networks', where, filter)
        const base = env.baseUrl(req)
        return {
          api_version: 'networking/v1',
          kind: 'NetworkList',
          metadata: { ...page.links, total_size: page.totalSize },
          data: page.items.map((row) => presentNetwork(base, row)),
        }
      },
    )

    app.post<{ Body: { spec: NetworkSpec } }>(
      '/networking/v1/networks',
      { config: networking, schema: { body: NetworkCreate, response: { 201: Network.schema } } },
      async (req, reply) => {
        const orgId = orgOf(req)
        const { spec } = req.body
        await requireEnvironment(db, orgId, spec.environment.id)
        const at = env.now().toISOString()
        const row = {
          id: newId('n'),
          org_id: orgId,
          environment_id: spec.environment.id,
          display_name: spec.display_name,
          cloud: spec.cloud,
          region: spec.region,
          created_at: at,
          updated_at: at,
        }
        await db.insertInto('networks').values(row).execute()
        const body = presentNetwork(env.baseUrl(req), row)
        return reply.code(201).header('Location', body.metadata.self).send(body)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/networking/v1/networks/:id',
      { config: networking, schema: { params: IdParam, response: { 200: Network.schema } } },
      async (req) => {
        const row = await db
          .selectFrom('networks')
          .selectAll()
          .where('org_id', '=', orgOf(req))
          .where('id', '=', req.params.id)
          .executeTakeFirst()
        if (row === undefined) throw notFound('network', req.params.id)
        return presentNetwork(env.baseUrl(req), row)
      },
    )
  }
}
