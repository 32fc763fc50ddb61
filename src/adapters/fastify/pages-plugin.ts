import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import fp from 'fastify-plugin'
import { contractSourceOf, type PageSet } from '../../runtime/index.ts'

const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']

/**
 * A Fastify plugin serving a page set (the portal) under its base path, outside versioning: the
 * pages carry no version headers, are left out of contracts, and let anonymous callers in where
 * the `conventions` plugin authenticates. Register it after `strata`.
 *
 * @example
 * await app.register(strata, { api })
 * await app.register(pages(createPortal()))
 */
export function pages(set: PageSet, options: { readonly principal?: (request: FastifyRequest) => unknown } = {}) {
  return fp(
    async (app: FastifyInstance): Promise<void> => {
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const answer = await set.serve({
          method: request.method,
          url: request.url,
          headers: request.headers,
          principal: options.principal?.(request) ?? (request as { principal?: unknown }).principal,
          requestId: request.id,
          source: contractSourceOf(app),
        })
        reply.code(answer.status).headers(answer.headers)
        return reply.send(answer.body)
      }
      const config = { auth: 'optional' as const, strata: { page: true } }
      for (const url of [set.base, `${set.base}/*`]) {
        app.route({ method: METHODS, url, handler, config, exposeHeadRoute: false })
      }
    },
    { name: 'strata-pages', fastify: '5.x', dependencies: ['strata'] },
  )
}
