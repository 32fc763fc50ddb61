import type { IncomingMessage } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Api } from '../../api/index.ts'
import { StrataError } from '../../error/index.ts'
import { splitUrl } from '../../negotiate/index.ts'

/**
 * The `rewriteUrl` option of `Fastify(...)` that maps an API's legacy path forms onto its current
 * routes before routing (Fastify keeps the URL the client sent as `request.originalUrl`).
 *
 * @example
 * const app = Fastify({ rewriteUrl: strataRewriteUrl(api) })
 * await app.register(strata, { api })
 */
export function strataRewriteUrl(api: Api): (request: IncomingMessage) => string {
  return (request) => api.rewriteUrl(request.url ?? '/')
}

/** The path the client sent, when Fastify rewrote it before routing. */
export function originalPathOf(request: FastifyRequest): string | undefined {
  return request.originalUrl === request.url ? undefined : splitUrl(request.originalUrl).path
}

const _notWired = (): StrataError =>
  new StrataError(
    'STRATA_ERR_API_LEGACY_PATHS_NOT_WIRED',
    'The API declares legacy path forms, but this Fastify server does not rewrite them, so they would answer 404; create it with Fastify({ rewriteUrl: strataRewriteUrl(api) }).',
  )

/**
 * Fails at registration when an API with legacy path forms is mounted on a server created
 * without any `rewriteUrl` (read from Fastify's options where its version exposes them).
 */
export function checkRewriteAtStart(app: FastifyInstance, api: Api): void {
  if (!api.hasLegacyPaths) return
  const key = Object.getOwnPropertySymbols(app).find((s) => s.description === 'fastify.options')
  if (key === undefined) return
  const options = (app as unknown as Record<symbol, { rewriteUrl?: unknown } | undefined>)[key]
  if (options !== undefined && typeof options.rewriteUrl !== 'function') throw _notWired()
}

/**
 * Fails a request whose URL is still a legacy form after routing: the server's own `rewriteUrl`
 * does not apply Strata's, so the legacy form would silently answer 404.
 */
export function checkRewriteOnRequest(api: Api, request: FastifyRequest): StrataError | undefined {
  if (!api.hasLegacyPaths || request.originalUrl !== request.url) return undefined
  return api.rewriteUrl(request.url) === request.url ? undefined : _notWired()
}
