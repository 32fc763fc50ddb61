import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Api, VersionContext } from '../../api/index.ts'
import { HttpProblem } from '../../conventions/error/index.ts'
import type { Mount } from '../../migrate/index.ts'
import { splitUrl } from '../../negotiate/index.ts'
import {
  attachRegistry,
  checkScope,
  createRouteRegistry,
  createRouteTable,
  type ExchangeObserver,
  renderProblem,
  type UnversionedRoute,
} from '../../runtime/index.ts'
import { toProblem } from './errors.ts'
import {
  installExchangeObservers,
  installUnversionedRoutes,
  isUnversioned,
  noteRefusedVersion,
} from './exchange-hooks.ts'
import { installMigrationHooks, isAlias, markAlias, planOf } from './migration-hooks.ts'
import { checkRewriteAtStart, checkRewriteOnRequest, originalPathOf } from './rewrite-url.ts'
import { routeSettings } from './route.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The negotiated version of this request; set before validation and the handler run. */
    strata: VersionContext
  }
  interface FastifyContextConfig {
    /**
     * Strata settings of one route: the version scope (API group or endpoint) it belongs to, and
     * `strict` to reject (not ignore) unknown request fields at older versions.
     */
    strata?: { readonly scope?: string; readonly strict?: boolean }
  }
}

export interface StrataFastifyOptions {
  readonly api: Api
  /** Who is calling, for per-client pins and early-access grants; runs after your auth hooks. */
  readonly principal?: (request: FastifyRequest) => unknown
  /**
   * Render every error, 404 and 405 in the API's error format (default true). Turn off only to
   * install your own error and not-found handlers.
   */
  readonly handleErrors?: boolean
  /** Told of every finished exchange (usage recording, metrics), as the runtime's `onExchange`. */
  readonly onExchange?: ExchangeObserver | readonly ExchangeObserver[]
  /** Routes outside version negotiation (metrics, `/docs/usage.json`), as the runtime's `unversioned`. */
  readonly unversioned?: readonly UnversionedRoute[]
}

/**
 * Sends an {@link HttpProblem} in the API's error format, or as problem+json when the client
 * asks for it.
 *
 * @example
 * sendProblem(api, request, reply, new HttpProblem({ status: 404, code: 'NOT_FOUND', message: 'Asset 7 does not exist' }))
 */
export function sendProblem(
  api: Api,
  request: FastifyRequest,
  reply: FastifyReply,
  problem: HttpProblem,
): FastifyReply {
  const strata = request.strata as VersionContext | null
  const errorDown =
    planOf(request)?.errorDown ??
    (strata === null || strata.channel === 'playground'
      ? undefined
      : api.errorPlan(request.routeOptions.config.strata?.scope, strata.index))
  const out = renderProblem(api, problem, {
    accept: request.headers.accept,
    path: splitUrl(request.url).path,
    requestId: request.id,
    errorDown,
  })
  reply.headers(out.headers)
  return reply.code(out.status).type(out.contentType).send(out.body)
}

async function strataPlugin(app: FastifyInstance, options: StrataFastifyOptions): Promise<void> {
  const { api, principal } = options
  const routes = createRouteTable()
  checkRewriteAtStart(app, api)
  app.decorateRequest('strata', null as unknown as VersionContext)

  const registry = createRouteRegistry(api)
  attachRegistry(app, registry)
  const kMount = Symbol('strata.mount')
  app.addHook('onRoute', function onRoute(route) {
    routes.add(route.method, route.url)
    checkScope(api, routeSettings(route).scope, route.url)
    const config = (route.config ?? {}) as Record<string | symbol, unknown>
    if (isAlias(route)) {
      installMigrationHooks(registry, route, config[kMount] as Mount)
      return
    }
    const original = { ...route }
    const aliases = installMigrationHooks(registry, route)
    // An endpoint renamed in the ledger still answers older versions at its older path.
    for (const mount of aliases) {
      this.route({
        ...original,
        method: mount.method as typeof route.method,
        url: mount.path,
        exposeHeadRoute: false,
        config: { ...markAlias(config, route.url), [kMount]: mount } as NonNullable<typeof route.config>,
      })
    }
  })

  app.addHook('onReady', async () => registry.checkLedger())
  installExchangeObservers(app, options.onExchange, principal)

  app.addHook('onRequest', (request, reply, done) => {
    if (isUnversioned(request)) {
      done()
      return
    }
    const unwired = checkRewriteOnRequest(api, request)
    if (unwired !== undefined) {
      done(unwired)
      return
    }
    const { path, query } = splitUrl(request.url)
    const originalPath = originalPathOf(request)
    const admission = api.admit(
      {
        method: request.method,
        path,
        query,
        headers: request.headers,
        principal: principal === undefined ? undefined : principal(request),
        ...(originalPath !== undefined ? { originalPath } : {}),
      },
      request.routeOptions.config.strata?.scope,
    )
    reply.headers(admission.headers)
    if (admission.ok) {
      request.strata = admission.context
      done()
      return
    }
    noteRefusedVersion(request, admission.version)
    // A path no route serves is a 404 whatever version it asks for: the version belongs to routes.
    if (request.is404) {
      done()
      return
    }
    sendProblem(api, request, reply, admission.problem)
  })

  installUnversionedRoutes(app, options.unversioned, principal)
  if (options.handleErrors === false) return
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(api, request, reply, problem)
  })
  app.setNotFoundHandler((request, reply) => {
    const path = splitUrl(request.url).path
    const allowed = routes.allowed(path)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendProblem(
        api,
        request,
        reply,
        new HttpProblem({
          status: 405,
          code: 'METHOD_NOT_ALLOWED',
          message: `${request.method} is not allowed on ${path}`,
          suggestion: `Use one of ${allowed.join(', ')}`,
        }),
      )
    }
    return sendProblem(
      api,
      request,
      reply,
      new HttpProblem({
        status: 404,
        code: 'NOT_FOUND',
        message: `No route matches ${request.method} ${path}`,
      }),
    )
  })
}

/**
 * The Strata plugin for Fastify: register it once with a defined API, then write routes for head.
 * Negotiation runs once per request before validation, and version and lifecycle headers go on
 * every response, errors and 404s included.
 *
 * @example
 * const app = Fastify()
 * await app.register(strata, { api })
 * app.get('/api/v1/assets/:id', (req) => (req.strata.atLeast('2024-06-01') ? head : old))
 */
export const strata = fp(strataPlugin, { name: 'strata', fastify: '5.x' })
