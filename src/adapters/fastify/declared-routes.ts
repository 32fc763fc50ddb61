import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { isReply, type RouteDefinition } from '../../runtime/index.ts'

/**
 * A Fastify plugin registering routes declared with `defineRoute`, with their schemas as Fastify
 * route schemas, so one route table serves Fastify and every other adapter. Register it under a
 * prefix like any route plugin, after `strata`.
 *
 * @example
 * await app.register(strata, { api })
 * await app.register(declaredRoutes([getAsset, createAsset]), { prefix: '/api/v1' })
 */
export function declaredRoutes(routes: readonly RouteDefinition[], principal?: (request: FastifyRequest) => unknown) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const route of routes) {
      const { params, query, body, responses } = route.schemas
      app.route({
        method: route.method as HTTPMethods,
        url: route.path,
        schema: {
          ...(params !== undefined ? { params } : {}),
          ...(query !== undefined ? { querystring: query } : {}),
          ...(body !== undefined ? { body } : {}),
          ...(responses !== undefined ? { response: responses } : {}),
          ...(route.summary !== undefined ? { summary: route.summary } : {}),
        },
        config: {
          ...(route.scope !== undefined || route.strict !== undefined || route.internal === true
            ? {
                strata: {
                  ...(route.scope !== undefined ? { scope: route.scope } : {}),
                  ...(route.strict !== undefined ? { strict: route.strict } : {}),
                  ...(route.internal === true ? { internal: true } : {}),
                },
              }
            : {}),
          ...(route.auth !== undefined ? { auth: route.auth } : {}),
        },
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const result = await route.handler({
            params: request.params,
            query: request.query,
            body: request.body,
            headers: request.headers,
            strata: request.strata,
            principal: principal?.(request),
          })
          if (!isReply(result)) return result
          reply.code(result.status)
          if (result.headers !== undefined) reply.headers(result.headers)
          return reply.send(result.body)
        },
      })
    }
  }
}
