import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Api, VersionContext } from '../../api/index.ts'
import { HttpProblem } from '../../conventions/error/index.ts'
import type { Mount } from '../../migrate/index.ts'
import { splitUrl } from '../../negotiate/index.ts'
import {
  answerClientError,
  attachRegistry,
  checkRequestTarget,
  checkScope,
  createRouteRegistry,
  createRouteTable,
  type ExchangeObserver,
  parseJsonBody,
  REQUEST_ID_HEADER,
  type RequestLimits,
  registryOf,
  renderProblem,
  requestIdOf,
  resolveRequestLimits,
  type UnversionedRoute,
} from '../../runtime/index.ts'
import { conventionsOf } from './conventions.ts'
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
     * `strict` to reject (not ignore) unknown request fields at older versions, and `internal` to
     * leave it out of contracts, changelogs and compatibility checks (it is still served).
     */
    strata?: {
      readonly scope?: string
      readonly strict?: boolean
      readonly internal?: boolean
      readonly page?: boolean
    }
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
  /**
   * Read JSON bodies only (default true): Fastify's own `text/plain` parser is removed, so a
   * `text/plain` body is a 415 UNSUPPORTED_MEDIA_TYPE as on every other adapter, not a 422.
   */
  readonly jsonOnly?: boolean
  /** URL length, JSON nesting depth and array length, as on every adapter (docs/limits.md); the body size is Fastify's `bodyLimit`. */
  readonly limits?: RequestLimits
}

const requestIds = new WeakMap<object, string>()

/**
 * The id of one exchange, as the `X-Request-Id` response header and error bodies name it: the
 * client's well-formed `X-Request-Id`, else a new UUIDv7 (the same for the whole exchange).
 *
 * @example
 * app.addHook('onResponse', async (req) => log(strataRequestId(req)))
 */
export function strataRequestId(request: FastifyRequest): string {
  let id = requestIds.get(request.raw)
  if (id === undefined) {
    id = requestIdOf(request.headers)
    requestIds.set(request.raw, id)
  }
  return id
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
  const strata = (request.strata as VersionContext | null | undefined) ?? null // undefined before the plugin decorates (frameworkErrors)
  const errorDown =
    planOf(request)?.errorDown ??
    (strata === null || strata.channel === 'playground'
      ? undefined
      : api.errorPlan(request.routeOptions.config.strata?.scope, strata.index))
  const requestId = strataRequestId(request)
  const out = renderProblem(api, problem, {
    accept: request.headers.accept,
    path: _safePath(request.url),
    requestId,
    errorDown,
  })
  reply.headers(out.headers)
  reply.header(REQUEST_ID_HEADER, requestId)
  return reply.code(out.status).type(out.contentType).send(out.body)
}

// A URL that cannot be decoded has no path to speak of: the raw one is echoed as sent.
const _safePath = (url: string): string => splitUrl(url).path

/**
 * Fastify's `frameworkErrors` option: the failures Fastify answers before any route or hook runs
 * (a path with invalid percent-encoding, a path parameter past its length limit) in the API's
 * error format, with `X-Request-Id`. Fastify takes it only as a constructor option.
 *
 * @example
 * const app = Fastify({ frameworkErrors: strataFrameworkErrors })
 * await app.register(strata, { api })
 */
export function strataFrameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const api = registryOf(request.server)?.api
  const problem = toProblem(error)
  if (api === undefined) {
    reply.code(problem.status).send({ code: problem.code, message: problem.message })
    return
  }
  sendProblem(api, request, reply, problem)
}

async function strataPlugin(app: FastifyInstance, options: StrataFastifyOptions): Promise<void> {
  const { api, principal } = options
  const routes = createRouteTable()
  const limits = resolveRequestLimits(options.limits)
  checkRewriteAtStart(app, api)
  if (options.jsonOnly !== false && app.hasContentTypeParser('text/plain')) app.removeContentTypeParser('text/plain')
  app.decorateRequest('strata', null as unknown as VersionContext)

  const conventions = conventionsOf(app)
  const registry = createRouteRegistry(api, conventions !== undefined ? { conventions } : {})
  attachRegistry(app, registry)
  const kMount = Symbol('strata.mount')
  app.addHook('onRoute', function onRoute(route) {
    routes.add(route.method, route.url)
    // Unversioned pages (the portal): no contract, no migration.
    if ((route.config as { strata?: { page?: boolean } } | undefined)?.strata?.page === true) return
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
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header(REQUEST_ID_HEADER, strataRequestId(request))
    done(null, payload)
  })

  // JSON bodies read as on every adapter: UTF-8 only, nesting and array limits, no key twice, no __proto__.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer, request.headers['content-type'], Number.POSITIVE_INFINITY, limits))
    } catch (error) {
      done(error as Error, undefined)
    }
  })

  app.addHook('onRequest', (request, reply, done) => {
    if (isUnversioned(request)) {
      done()
      return
    }
    const refused = checkRequestTarget(request.url, limits)
    if (refused !== undefined) {
      sendProblem(api, request, reply, refused)
      return
    }
    const unwired = checkRewriteOnRequest(api, request)
    if (unwired !== undefined) {
      done(unwired)
      return
    }
    if (request.routeOptions.config.strata?.page === true) {
      done()
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
  // Node's own parser failures (malformed request, 431, 408) in the API's format, not Fastify's.
  app.server.removeAllListeners('clientError')
  app.server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket, (problem) => {
      const out = renderProblem(api, problem, { accept: undefined, path: '/' })
      return {
        status: out.status,
        headers: { ...out.headers, 'content-type': out.contentType },
        body: JSON.stringify(out.body),
      }
    }),
  )
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
