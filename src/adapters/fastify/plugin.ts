import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Api, VersionContext } from '../../api/index.ts'
import { chooseErrorFormat, HttpProblem } from '../../conventions/error/index.ts'
import { StrataError } from '../../error/index.ts'
import { checkLedger, type Mount, schemaNamesOf } from '../../migrate/index.ts'
import { splitUrl } from '../../negotiate/index.ts'
import { _recordContractSource } from './contract-source.ts'
import { toProblem } from './error-mapping.ts'
import { installMigrationHooks, isAlias, markAlias, migrateProblem, type RouteRegistry } from './migration-hooks.ts'
import { createVersionValidators } from './request-validator.ts'
import { checkRewriteAtStart, checkRewriteOnRequest, originalPathOf } from './rewrite-url.ts'
import { createRouteTable } from './route-table.ts'

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
  const format = chooseErrorFormat(request.headers.accept, api.errors)
  const migrated = migrateProblem(request, problem, (req) => {
    const strata = req.strata as VersionContext | null
    if (strata === null || strata.channel === 'playground') return undefined
    return api.errorPlan(req.routeOptions.config.strata?.scope, strata.index)
  })
  const body = format.render(migrated, {
    path: splitUrl(request.url).path,
    requestId: request.id,
    now: api.clock(),
  })
  if (migrated.headers !== undefined) reply.headers(migrated.headers)
  return reply.code(migrated.status).type(format.contentType).send(body)
}

async function strataPlugin(app: FastifyInstance, options: StrataFastifyOptions): Promise<void> {
  const { api, principal } = options
  const routes = createRouteTable()
  checkRewriteAtStart(app, api)
  app.decorateRequest('strata', null as unknown as VersionContext)

  const registry: RouteRegistry = { specs: [], validators: createVersionValidators(), prepared: new Map() }
  _recordContractSource(app, api, registry)
  const kMount = Symbol('strata.mount')
  app.addHook('onRoute', function onRoute(route) {
    routes.add(route.method, route.url)
    const scope = (route.config as { strata?: { scope?: string } } | undefined)?.strata?.scope
    if (scope !== undefined && !api.scopeNames.includes(scope)) {
      throw new StrataError(
        'STRATA_ERR_API_UNKNOWN_SCOPE',
        `Route ${route.url} names the version scope '${scope}', which the API does not declare; declare it under \`scopes\` (known: ${api.scopeNames.join(', ') || 'none'}).`,
      )
    }
    const config = (route.config ?? {}) as Record<string | symbol, unknown>
    if (isAlias(route)) {
      installMigrationHooks(api, route, registry, config[kMount] as Mount)
      return
    }
    const original = { ...route }
    const aliases = installMigrationHooks(api, route, registry)
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

  app.addHook('onReady', async () => {
    for (const scope of [undefined, ...api.scopeNames]) {
      const specs = registry.specs.filter((r) => r.scope === scope).map((r) => r.spec)
      const names = new Set(specs.flatMap((spec) => [...schemaNamesOf(spec)]))
      checkLedger(api.versionsOf(scope).versions, names, specs)
    }
  })

  app.addHook('onRequest', (request, reply, done) => {
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
    // A path no route serves is a 404 whatever version it asks for: the version belongs to routes.
    if (request.is404) {
      done()
      return
    }
    sendProblem(api, request, reply, admission.problem)
  })

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
