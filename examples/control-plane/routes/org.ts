import type { FastifyInstance } from 'fastify'
import { HttpProblem } from 'strata'
import { listPage } from '../page.ts'
import { newId, notFound, orgOf, presentEnvironment } from '../present.ts'
import { Environment, EnvironmentCreate, EnvironmentList, EnvironmentUpdate, IdParam } from '../schemas.ts'
import type { RouteEnv } from './env.ts'

const org = { strata: { scope: 'org' } } as const

/** `/org/v2/environments`: list, create, get, update (PATCH) and delete. */
export function orgRoutes(env: RouteEnv) {
  const { db } = env
  const find = (orgId: string, id: string) =>
    db.selectFrom('environments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()

  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/org/v2/environments',
      { config: org, schema: { response: { 200: EnvironmentList.schema } } },
      async (req, reply) => {
        const orgId = orgOf(req)
        const page = await listPage(env, req, reply, 'environments', { org_id: orgId }, {})
        const base = env.baseUrl(req)
        return {
          api_version: 'org/v2',
          kind: 'EnvironmentList',
          metadata: { ...page.links, total_size: page.totalSize },
          data: page.items.map((row) => presentEnvironment(base, row)),
        }
      },
    )

    app.post<{ Body: { display_name: string } }>(
      '/org/v2/environments',
      { config: org, schema: { body: EnvironmentCreate, response: { 201: Environment.schema } } },
      async (req, reply) => {
        const at = env.now().toISOString()
        const row = {
          id: newId('env'),
          org_id: orgOf(req),
          display_name: req.body.display_name,
          created_at: at,
          updated_at: at,
        }
        await db.insertInto('environments').values(row).execute()
        const body = presentEnvironment(env.baseUrl(req), row)
        return reply.code(201).header('Location', body.metadata.self).send(body)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/org/v2/environments/:id',
      { config: org, schema: { params: IdParam, response: { 200: Environment.schema } } },
      async (req) => {
        const row = await find(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('environment', req.params.id)
        return presentEnvironment(env.baseUrl(req), row)
      },
    )

    app.patch<{ Params: { id: string }; Body: { display_name?: string } }>(
      '/org/v2/environments/:id',
      { config: org, schema: { params: IdParam, body: EnvironmentUpdate, response: { 200: Environment.schema } } },
      async (req) => {
        const orgId = orgOf(req)
        const row = await find(orgId, req.params.id)
        if (row === undefined) throw notFound('environment', req.params.id)
        const next = { ...row, ...req.body, updated_at: env.now().toISOString() }
        await db
          .updateTable('environments')
          .set({ display_name: next.display_name, updated_at: next.updated_at })
          .where('id', '=', row.id)
          .execute()
        return presentEnvironment(env.baseUrl(req), next)
      },
    )

    app.delete<{ Params: { id: string } }>(
      '/org/v2/environments/:id',
      { config: org, schema: { params: IdParam } },
      async (req, reply) => {
        const orgId = orgOf(req)
        const row = await find(orgId, req.params.id)
        if (row === undefined) throw notFound('environment', req.params.id)
        const clusters = await db
          .selectFrom('clusters')
          .select('id')
          .where('environment_id', '=', row.id)
          .executeTakeFirst()
        const networks = await db
          .selectFrom('networks')
          .select('id')
          .where('environment_id', '=', row.id)
          .executeTakeFirst()
        if (clusters !== undefined || networks !== undefined) {
          throw new HttpProblem({
            status: 409,
            code: 'CONFLICT',
            message: `The environment ${row.id} still holds clusters or networks`,
            suggestion: 'Delete the clusters and networks of the environment first',
          })
        }
        await db.deleteFrom('environments').where('id', '=', row.id).execute()
        return reply.code(204).send()
      },
    )
  }
}
