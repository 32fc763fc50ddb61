import type { RouteOptions } from 'fastify'
import type { JsonSchema } from '../../change/index.ts'
import type { RouteSpec } from '../../migrate/index.ts'
import type { ContractRoute, OperationMeta } from '../../openapi/contract/index.ts'

type _Schema = {
  body?: JsonSchema
  querystring?: JsonSchema
  params?: JsonSchema
  headers?: JsonSchema
  response?: Record<string, JsonSchema>
  summary?: unknown
  description?: unknown
  tags?: unknown
  operationId?: unknown
  deprecated?: unknown
  hide?: unknown
}

/** A Fastify route's schemas as the migration engine sees them. */
export function specOf(route: RouteOptions): RouteSpec {
  const schema = (route.schema ?? {}) as _Schema
  return {
    // Fastify answers HEAD with the GET route's handler: it is the same endpoint in the ledger.
    method: route.method === 'HEAD' ? 'GET' : String(route.method),
    path: route.url,
    ...(schema.body !== undefined ? { body: schema.body } : {}),
    ...(schema.querystring !== undefined ? { query: schema.querystring } : {}),
    ...(schema.response !== undefined ? { responses: schema.response } : {}),
  }
}

/** A Fastify route as the runtime's route registry records it: spec, parameters, headers and operation text. */
export function contractRouteOf(route: RouteOptions, scope: string | undefined): ContractRoute {
  const schema = (route.schema ?? {}) as _Schema
  const meta: { -readonly [K in keyof OperationMeta]: OperationMeta[K] } = {}
  if (typeof schema.summary === 'string') meta.summary = schema.summary
  if (typeof schema.description === 'string') meta.description = schema.description
  if (Array.isArray(schema.tags)) meta.tags = schema.tags.map(String)
  if (typeof schema.operationId === 'string') meta.operationId = schema.operationId
  if (schema.deprecated === true) meta.deprecated = true
  const auth = (route.config as { auth?: unknown } | undefined)?.auth
  // `schema.hide` is @fastify/swagger's way of leaving a route out of the documentation.
  const internal = routeSettings(route).internal === true || schema.hide === true
  return {
    scope,
    spec: specOf(route),
    ...(auth === 'required' || auth === 'optional' ? { auth } : {}),
    ...(internal ? { internal: true } : {}),
    ...(schema.params !== undefined ? { params: schema.params } : {}),
    ...(schema.headers !== undefined ? { headers: schema.headers } : {}),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  }
}

/** The Strata settings of a route (`config.strata`). */
export const routeSettings = (route: RouteOptions): { scope?: string; strict?: boolean; internal?: boolean } =>
  (route.config as { strata?: { scope?: string; strict?: boolean; internal?: boolean } } | undefined)?.strata ?? {}
