import type { FastifyInstance } from 'fastify'
import { generateApiKey, HttpProblem, hashApiKeySecret } from 'strata'
import { inheritOwner } from '../owners.ts'
import { listPage } from '../page.ts'
import { newId, notFound, orgOf, presentApiKey, presentServiceAccount } from '../present.ts'
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyList,
  ApiKeyUpdate,
  IdParam,
  ServiceAccount,
  ServiceAccountCreate,
  ServiceAccountList,
  ServiceAccountUpdate,
} from '../schemas.ts'
import type { RouteEnv } from './env.ts'

const iam = { strata: { scope: 'iam' } } as const
type KeySpec = { display_name?: string; description?: string; owner: { id: string } }

/** `/iam/v2/service-accounts` and `/iam/v2/api-keys`; deleting an account deletes its keys. */
export function iamRoutes(env: RouteEnv) {
  const { db } = env
  const findAccount = (orgId: string, id: string) =>
    db.selectFrom('service_accounts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()
  const findKey = (orgId: string, id: string) =>
    db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()

  return async (app: FastifyInstance): Promise<void> => {
    app.get(
      '/iam/v2/service-accounts',
      { config: iam, schema: { response: { 200: ServiceAccountList.schema } } },
      async (req, reply) => {
        const page = await listPage(env, req, reply, 'service_accounts', { org_id: orgOf(req) }, {})
        const base = env.baseUrl(req)
        return {
          api_version: 'iam/v2',
          kind: 'ServiceAccountList',
          metadata: { ...page.links, total_size: page.totalSize },
          data: page.items.map((row) => presentServiceAccount(base, row)),
        }
      },
    )

    app.post<{ Body: { display_name: string; description?: string } }>(
      '/iam/v2/service-accounts',
      { config: iam, schema: { body: ServiceAccountCreate, response: { 201: ServiceAccount.schema } } },
      async (req, reply) => {
        const at = env.now().toISOString()
        const { display_name, description = '' } = req.body
        const row = { id: newId('sa'), org_id: orgOf(req), display_name, description, created_at: at, updated_at: at }
        await db.insertInto('service_accounts').values(row).execute()
        await inheritOwner(db, row.id, req.principal)
        const body = presentServiceAccount(env.baseUrl(req), row)
        return reply.code(201).header('Location', body.metadata.self).send(body)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/iam/v2/service-accounts/:id',
      { config: iam, schema: { params: IdParam, response: { 200: ServiceAccount.schema } } },
      async (req) => {
        const row = await findAccount(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('service account', req.params.id)
        return presentServiceAccount(env.baseUrl(req), row)
      },
    )

    app.patch<{ Params: { id: string }; Body: { description?: string } }>(
      '/iam/v2/service-accounts/:id',
      {
        config: iam,
        schema: { params: IdParam, body: ServiceAccountUpdate, response: { 200: ServiceAccount.schema } },
      },
      async (req) => {
        const row = await findAccount(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('service account', req.params.id)
        const next = { ...row, ...req.body, updated_at: env.now().toISOString() }
        await db
          .updateTable('service_accounts')
          .set({ description: next.description, updated_at: next.updated_at })
          .where('id', '=', row.id)
          .execute()
        return presentServiceAccount(env.baseUrl(req), next)
      },
    )

    app.delete<{ Params: { id: string } }>(
      '/iam/v2/service-accounts/:id',
      { config: iam, schema: { params: IdParam } },
      async (req, reply) => {
        const row = await findAccount(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('service account', req.params.id)
        // ON DELETE CASCADE removes the account's API keys with it.
        await db.deleteFrom('service_accounts').where('id', '=', row.id).execute()
        return reply.code(204).send()
      },
    )

    app.get(
      '/iam/v2/api-keys',
      { config: iam, schema: { response: { 200: ApiKeyList.schema } } },
      async (req, reply) => {
        const owner = (req.query as { owner?: unknown }).owner
        const filter = typeof owner === 'string' && owner !== '' ? { owner } : {}
        const where = { org_id: orgOf(req), ...(filter.owner !== undefined ? { owner_id: filter.owner } : {}) }
        const page = await listPage(env, req, reply, 'api_keys', where, filter)
        const base = env.baseUrl(req)
        return {
          api_version: 'iam/v2',
          kind: 'ApiKeyList',
          metadata: { ...page.links, total_size: page.totalSize },
          data: page.items.map((row) => presentApiKey(base, row)),
        }
      },
    )

    app.post<{ Body: { spec: KeySpec } }>(
      '/iam/v2/api-keys',
      { config: iam, schema: { body: ApiKeyCreate, response: { 202: ApiKey.schema } } },
      async (req, reply) => {
        const orgId = orgOf(req)
        const { spec } = req.body
        if ((await findAccount(orgId, spec.owner.id)) === undefined) {
          throw new HttpProblem({
            status: 422,
            code: 'VALIDATION_FAILED',
            message: '1 field failed validation',
            fields: [
              {
                field: 'spec.owner.id',
                message: `service account ${spec.owner.id} does not exist`,
                reason: 'reference',
              },
            ],
            suggestion: 'Create the service account first, or name an existing one',
          })
        }
        const key = generateApiKey()
        const at = env.now().toISOString()
        const row = {
          id: key.id,
          org_id: orgId,
          owner_id: spec.owner.id,
          secret_hash: hashApiKeySecret(key.secret, env.pepper),
          display_name: spec.display_name ?? '',
          description: spec.description ?? '',
          created_at: at,
          updated_at: at,
        }
        await db.insertInto('api_keys').values(row).execute()
        const body = presentApiKey(env.baseUrl(req), row, key.secret)
        return reply.code(202).header('Location', body.metadata.self).send(body)
      },
    )

    app.get<{ Params: { id: string } }>(
      '/iam/v2/api-keys/:id',
      { config: iam, schema: { params: IdParam, response: { 200: ApiKey.schema } } },
      async (req) => {
        const row = await findKey(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('API key', req.params.id)
        return presentApiKey(env.baseUrl(req), row)
      },
    )

    app.patch<{ Params: { id: string }; Body: { spec: Partial<KeySpec> } }>(
      '/iam/v2/api-keys/:id',
      { config: iam, schema: { params: IdParam, body: ApiKeyUpdate, response: { 200: ApiKey.schema } } },
      async (req) => {
        const row = await findKey(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('API key', req.params.id)
        const next = { ...row, ...req.body.spec, updated_at: env.now().toISOString() }
        await db
          .updateTable('api_keys')
          .set({ display_name: next.display_name, description: next.description, updated_at: next.updated_at })
          .where('id', '=', row.id)
          .execute()
        return presentApiKey(env.baseUrl(req), next)
      },
    )

    app.delete<{ Params: { id: string } }>(
      '/iam/v2/api-keys/:id',
      { config: iam, schema: { params: IdParam } },
      async (req, reply) => {
        const row = await findKey(orgOf(req), req.params.id)
        if (row === undefined) throw notFound('API key', req.params.id)
        await db.deleteFrom('api_keys').where('id', '=', row.id).execute()
        return reply.code(204).send()
      },
    )
  }
}
