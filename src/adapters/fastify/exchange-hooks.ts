import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import type { VersionContext } from '../../api/index.ts'
import { type ExchangeObserver, observeExchange, observersOf, type UnversionedRoute } from '../../runtime/index.ts'
import type { ApiVersion } from '../../version/index.ts'
import { headPathOf } from './migration-hooks.ts'

const kUnversioned = Symbol('strata.unversioned')
const kRefused = Symbol('strata.refused')

/** Remembers the version a refused admission named (a sunset version's 410), for the exchange record. */
export const noteRefusedVersion = (request: FastifyRequest, version: ApiVersion | undefined): void => {
  if (version !== undefined) (request as unknown as Record<symbol, unknown>)[kRefused] = version
}

/** Whether a route is one of the plugin's unversioned routes (not negotiated, not recorded). */
export const isUnversioned = (request: FastifyRequest): boolean =>
  (request.routeOptions.config as unknown as Record<symbol, unknown> | undefined)?.[kUnversioned] === true

/**
 * The Fastify side of the runtime's exchange observers: an `onResponse` hook handing each finished
 * exchange to the same `observeExchange` the runtime calls, so every adapter records alike.
 *
 * @example
 * installExchangeObservers(app, usage.record, (req) => req.principal)
 */
export function installExchangeObservers(
  app: FastifyInstance,
  option: ExchangeObserver | readonly ExchangeObserver[] | undefined,
  principal: ((request: FastifyRequest) => unknown) | undefined,
): void {
  const observers = observersOf(option)
  if (observers.length === 0) return
  app.addHook('onResponse', (request, reply, done) => {
    if (isUnversioned(request)) {
      done()
      return
    }
    const context = request.strata as VersionContext | null
    const refused = (request as unknown as Record<symbol, unknown>)[kRefused] as ApiVersion | undefined
    const matched = !request.is404
    observeExchange(
      observers,
      {
        scope: matched ? request.routeOptions.config.strata?.scope : undefined,
        version: context?.version.id ?? refused?.id,
        channel: context?.channel ?? refused?.channel,
        method: request.method,
        route: matched ? headPathOf(request.routeOptions as unknown as RouteOptions) : undefined,
        principal: principal?.(request),
        status: reply.statusCode,
        headers: request.headers,
      },
      (error) => request.log.error({ err: error }, 'exchange observer failed'),
    )
    done()
  })
}

/**
 * Registers unversioned routes (metrics, `/docs/usage.json`) as plain Fastify routes calling the
 * same handlers the runtime dispatches.
 *
 * @example
 * installUnversionedRoutes(app, usage.routes, (req) => req.principal)
 */
export function installUnversionedRoutes(
  app: FastifyInstance,
  routes: readonly UnversionedRoute[] | undefined,
  principal: ((request: FastifyRequest) => unknown) | undefined,
): void {
  for (const route of routes ?? []) {
    app.route({
      method: route.method,
      url: route.path,
      // Authentication is optional here: the route itself refuses (403) a caller without the right.
      config: { [kUnversioned]: true, auth: 'optional' } as never,
      handler: async (request, reply) => {
        const answer = await route.handle(
          {
            method: request.method,
            url: request.url,
            headers: request.headers,
            protocol: request.protocol,
            ip: request.ip,
            raw: request,
          },
          principal?.(request),
        )
        reply.code(answer.status).headers(answer.headers)
        return reply.send(answer.body)
      },
    })
  }
}
