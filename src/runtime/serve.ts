import { parse as parseQuery } from 'fast-querystring'
import type { Api, VersionContext } from '../api/index.ts'
import type { ProblemParts, RequestParts, ResponseParts } from '../change/instruction.ts'
import { HttpProblem, isHttpProblem } from '../conventions/error/index.ts'
import { same } from '../migrate/index.ts'
import { splitUrl } from '../negotiate/index.ts'
import { type ConventionsOptions, createConventions } from './conventions.ts'
import { isReply, type RouteDefinition } from './define-route.ts'
import {
  type CompiledRoute,
  gateMount,
  migrateRequest,
  migrateResponse,
  rangesAt,
  servesEveryVersion,
} from './exchange.ts'
import { type ExchangeObserver, type ExchangeRecord, observeExchange, observersOf } from './observe-exchange.ts'
import type { PageSet } from './page-set.ts'
import { problemOf, renderProblem } from './render-problem.ts'
import { DEFAULT_BODY_LIMIT, parseJsonBody } from './request-body.ts'
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.ts'
import { badUrlProblem, checkRequestTarget, type RequestLimits, resolveRequestLimits } from './request-limits.ts'
import { createRouteRegistry, type RouteRegistry } from './route-registry.ts'
import { createRouteTable } from './route-table.ts'
import { createRouter, type RouteMatch } from './router.ts'
import { type UnversionedRoute, unversionedTable } from './unversioned-route.ts'
import { fieldIssues, type PartValidator, type PrecompiledValidators, validationProblem } from './validate.ts'

/** One request as every adapter hands it to the runtime: plain data, no framework. */
export interface RuntimeRequest {
  readonly method: string
  /** The path and query string as the client sent them. */
  readonly url: string
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** The raw body, when the framework has not parsed it. */
  readonly body?: string | Uint8Array | undefined
  /** The body a framework already parsed (e.g. after `express.json()`); used when `body` is absent. */
  readonly parsedBody?: unknown
  /** `http` or `https`, as the connection to this server used (for `requireHttps`). */
  readonly protocol?: string
  /** The client address, after the adapter's proxy trust rules (for per-address rate limits). */
  readonly ip?: string
  /** The adapter refused to read a body past the limit (a declared `content-length` too large): a 413. */
  readonly oversized?: boolean
  /** The exchange's id; by default the client's well-formed `X-Request-Id`, else a new UUIDv7. */
  readonly requestId?: string
  /** The framework's own request, for the `principal` option. */
  readonly raw?: unknown
}

/** The answer the adapter writes back. */
export interface RuntimeResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  /** The serialized body, or `undefined` for none (204, HEAD). */
  readonly body: string | undefined
}

export interface RuntimeOptions {
  readonly api: Api
  readonly routes: readonly RouteDefinition[]
  /** Who is calling, for per-client pins and early-access grants. */
  readonly principal?: (request: RuntimeRequest) => unknown
  /** The largest request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number
  /** URL length, JSON nesting depth and array length (docs/limits.md gives the defaults). */
  readonly limits?: RequestLimits
  /** API keys and JWTs, rate limits, HTTPS only: run before negotiation, the same on every adapter. */
  readonly conventions?: ConventionsOptions
  /** Called with anything a handler threw that is not an HTTP problem (answered as a 500). */
  readonly onError?: (error: unknown, request: RuntimeRequest) => void
  /**
   * Request validators generated at build time by `strata validators` (the generated module's default
   * export). Used where generating code at start-up is not allowed (Workers, Node with
   * `--disallow-code-generation-from-strings`); elsewhere they only save compiling at start-up.
   */
  readonly validators?: PrecompiledValidators
  /** Told of every finished exchange (usage recording, metrics); see `observeExchange`. */
  readonly onExchange?: ExchangeObserver | readonly ExchangeObserver[]
  /** Routes outside version negotiation (metrics, `/docs/usage.json`), served before the declared routes. */
  readonly unversioned?: readonly UnversionedRoute[]
  /** Unversioned pages served beside the routes, such as the portal (`createPortal()`). */
  readonly pages?: PageSet
}

/** The framework-neutral runtime of one API: every adapter binds `handle`. */
export interface Runtime {
  readonly api: Api
  readonly registry: RouteRegistry
  /** Whether a declared route serves this method and URL (adapters pass other requests on to their framework). */
  matches(method: string, url: string): boolean
  /** Serves one exchange end to end. Never rejects: every failure is an answer in the API's error format. */
  handle(request: RuntimeRequest): Promise<RuntimeResponse>
  /**
   * A failure of the framework itself (a parse error, a thrown error), answered in the API's error
   * format. For the framework's own 404, call `handle`: it answers 404 or 405 with the version headers.
   */
  fail(request: RuntimeRequest, problem: HttpProblem): RuntimeResponse
}

interface _Served {
  readonly route: RouteDefinition
  readonly compiled: CompiledRoute
  readonly gate: readonly { from: number; to: number; method: string; path: string }[] | undefined
  readonly head: { params?: PartValidator; query?: PartValidator; body?: PartValidator }
}

const JSON_TYPE = 'application/json; charset=utf-8'

type _Seen = { -readonly [K in 'scope' | 'version' | 'channel' | 'route' | 'principal']: ExchangeRecord[K] }

/**
 * Creates the runtime of an API and its declared routes: negotiate -> lifecycle gate -> validate at
 * the client's version -> migrate up -> handler -> migrate down -> headers -> render.
 *
 * @example
 * const runtime = createRuntime({ api, routes: [getAsset, createAsset] })
 * const res = await runtime.handle({ method: 'GET', url: '/assets/1', headers: {} })
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { api } = options
  const registry = createRouteRegistry(api, {
    ...(options.conventions !== undefined ? { conventions: options.conventions } : {}),
    ...(options.validators !== undefined ? { validators: options.validators } : {}),
  })
  const router = createRouter<_Served>()
  const table = createRouteTable()
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const limits = resolveRequestLimits(options.limits)
  const conventions = options.conventions === undefined ? undefined : createConventions(options.conventions)
  const observers = observersOf(options.onExchange)
  const unversioned = unversionedTable(options.unversioned)
  for (const route of options.routes) _mount(route)
  registry.checkLedger()

  function _mount(route: RouteDefinition): void {
    const spec = {
      method: route.method,
      path: route.path,
      ...(route.schemas.body !== undefined ? { body: route.schemas.body } : {}),
      ...(route.schemas.query !== undefined ? { query: route.schemas.query } : {}),
      ...(route.schemas.responses !== undefined ? { responses: route.schemas.responses } : {}),
    }
    registry.add({
      scope: route.scope,
      spec,
      ...(route.schemas.params !== undefined ? { params: route.schemas.params } : {}),
      ...(route.summary !== undefined ? { meta: { summary: route.summary } } : {}),
      ...(route.auth !== undefined ? { auth: route.auth } : {}),
      ...(route.internal === true ? { internal: true } : {}),
    })
    const compiled = registry.compiled(route.scope, spec, route.strict ?? false)
    const versions = api.versionsOf(route.scope).versions.length
    const head = compiled.plan.requestSchema('body', versions - 1)
    const query = compiled.plan.requestSchema('query', versions - 1)
    const validators = registry.validators
    const mount = (method: string, path: string, ranges: _Served['gate']): void => {
      const served: _Served = {
        route,
        compiled,
        gate: ranges,
        head: {
          ...(route.schemas.params
            ? { params: validators.query({ root: route.schemas.params, shapeOf: () => undefined }) }
            : {}),
          ...(route.schemas.query && query ? { query: validators.query(query) } : {}),
          ...(route.schemas.body && head ? { body: validators.body(head, route.strict ?? false) } : {}),
        },
      }
      router.on(method, path, served)
      table.add(method, path)
      if (method === 'GET' && !router.has('HEAD', path)) router.on('HEAD', path, served)
    }
    const pairs = compiled.plan.mounts.filter((m, i, all) => all.findIndex((o) => same(o, m)) === i)
    for (const m of pairs) {
      const ranges = rangesAt(compiled, m)
      mount(m.method, m.path, servesEveryVersion(ranges, versions) ? undefined : ranges)
    }
  }

  const respond = (status: number, headers: Record<string, string>, body: string | undefined): RuntimeResponse => ({
    status,
    headers,
    body,
  })

  function fail(
    request: RuntimeRequest,
    problem: HttpProblem,
    extra: Record<string, string> = {},
    errorDown?: (p: ProblemParts) => void,
  ): RuntimeResponse {
    const out = renderProblem(api, problem, {
      accept: _one(request.headers.accept),
      path: splitUrl(request.url).path,
      ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
      errorDown,
    })
    const body = request.method === 'HEAD' ? undefined : JSON.stringify(out.body)
    return respond(out.status, { ...extra, ...out.headers, 'content-type': out.contentType }, body)
  }

  // Every answer names its exchange, errors included: the client's well-formed X-Request-Id or a new UUIDv7.
  async function handle(incoming: RuntimeRequest): Promise<RuntimeResponse> {
    const request = { ...incoming, requestId: incoming.requestId ?? requestIdOf(incoming.headers) }
    const out = await _handle(request)
    return { ...out, headers: { ...out.headers, [REQUEST_ID_HEADER]: request.requestId } }
  }

  async function _handle(request: RuntimeRequest): Promise<RuntimeResponse> {
    const { path } = splitUrl(request.url)
    const plain = unversioned(request.method, path)
    if (plain !== undefined) return serveUnversioned(request, plain)
    if (options.pages?.matches(path)) return servePage(request, options.pages)
    if (observers.length === 0) return admitAndServe(request, undefined)
    const seen: _Seen = {
      scope: undefined,
      version: undefined,
      channel: undefined,
      route: undefined,
      principal: undefined,
    }
    const response = await admitAndServe(request, seen)
    observeExchange(
      observers,
      { ...seen, method: request.method, status: response.status, headers: request.headers },
      (e) => options.onError?.(e, request),
    )
    return response
  }

  async function admitAndServe(request: RuntimeRequest, seen: _Seen | undefined): Promise<RuntimeResponse> {
    const refused = checkRequestTarget(request.url, limits)
    if (refused !== undefined) return fail(request, refused)
    // The route is found once: the conventions read its `auth`, serving reads the rest.
    const rewritten = api.hasLegacyPaths ? api.rewriteUrl(request.url) : request.url
    const match = router.find(request.method, splitUrl(rewritten).path)
    if (match === 'bad-url') return fail(request, badUrlProblem())
    const found = match ?? undefined
    if (conventions === undefined) return serve(request, rewritten, found, options.principal?.(request), {}, seen)
    const outcome = await conventions({
      headers: request.headers,
      protocol: request.protocol ?? 'http',
      ip: request.ip ?? '',
      auth: found?.store.route.auth,
    })
    try {
      // Conventions run before negotiation: their refusals carry no version headers.
      if (outcome.problem !== undefined) {
        if (seen !== undefined) _note(seen, found?.store as _Served | undefined, undefined, undefined)
        return fail(request, outcome.problem, { ...outcome.headers })
      }
      const principal = options.principal?.(request) ?? outcome.principal
      return await serve(request, rewritten, found, principal, { ...outcome.headers }, seen)
    } finally {
      await outcome.release()
    }
  }

  async function serveUnversioned(request: RuntimeRequest, route: UnversionedRoute): Promise<RuntimeResponse> {
    const outcome = await conventions?.({
      headers: request.headers,
      protocol: request.protocol ?? 'http',
      ip: request.ip ?? '',
      auth: 'optional',
    })
    try {
      if (outcome?.problem !== undefined) return fail(request, outcome.problem, { ...outcome.headers })
      const principal = options.principal?.(request) ?? outcome?.principal
      return await route.handle(request, principal)
    } catch (error) {
      if (!isHttpProblem(error)) options.onError?.(error, request)
      return fail(request, problemOf(error))
    } finally {
      await outcome?.release()
    }
  }

  // Pages are not versioned: no negotiation, no version headers; anonymous callers get through.
  async function servePage(request: RuntimeRequest, pages: PageSet): Promise<RuntimeResponse> {
    const outcome =
      conventions === undefined
        ? undefined
        : await conventions({
            headers: request.headers,
            protocol: request.protocol ?? 'http',
            ip: request.ip ?? '',
            auth: 'optional',
          })
    try {
      if (outcome?.problem !== undefined) return fail(request, outcome.problem, { ...outcome.headers })
      const page = await pages.serve({
        method: request.method,
        url: request.url,
        headers: request.headers,
        principal: options.principal?.(request) ?? outcome?.principal,
        ...(request.requestId !== undefined ? { requestId: request.requestId } : {}),
        source: registry.contractSource(),
      })
      return outcome === undefined ? page : { ...page, headers: { ...outcome.headers, ...page.headers } }
    } catch (error) {
      if (!isHttpProblem(error)) options.onError?.(error, request)
      return fail(request, problemOf(error))
    } finally {
      await outcome?.release()
    }
  }

  async function serve(
    request: RuntimeRequest,
    rewritten: string,
    found: RouteMatch<_Served> | undefined,
    principal: unknown,
    before: Record<string, string>,
    seen: _Seen | undefined,
  ): Promise<RuntimeResponse> {
    const { path, query } = splitUrl(rewritten)
    const served = found?.store
    const admission = api.admit(
      {
        method: request.method,
        path,
        query,
        headers: request.headers,
        principal,
        ...(rewritten !== request.url ? { originalPath: splitUrl(request.url).path } : {}),
      },
      served?.route.scope,
    )
    const headers: Record<string, string> = { ...before, ...admission.headers }
    if (seen !== undefined) _note(seen, served, admission, principal)
    if (served === undefined) {
      const allowed = table.allowed(path)
      const context = admission.ok ? admission.context : undefined
      const errorDown =
        context && context.channel !== 'playground' ? api.errorPlan(undefined, context.index) : undefined
      if (allowed.length > 0) {
        return fail(
          request,
          new HttpProblem({
            status: 405,
            code: 'METHOD_NOT_ALLOWED',
            message: `${request.method} is not allowed on ${path}`,
            suggestion: `Use one of ${allowed.join(', ')}`,
          }),
          { ...headers, allow: allowed.join(', ') },
          errorDown,
        )
      }
      return fail(
        request,
        new HttpProblem({ status: 404, code: 'NOT_FOUND', message: `No route matches ${request.method} ${path}` }),
        headers,
        errorDown,
      )
    }
    if (!admission.ok) return fail(request, admission.problem, headers)
    const context = admission.context
    const plan = served.compiled.plans[context.index]
    const errorDown =
      plan?.errorDown ??
      (context.channel === 'playground' ? undefined : api.errorPlan(served.route.scope, context.index))
    try {
      const gated = served.gate === undefined ? undefined : gateMount(served.gate, context, request.method, path)
      if (gated !== undefined) throw gated
      const input = _input(request, served, found!.params, query, context)
      const result = await served.route.handler({ ...input, strata: context, principal })
      return _answer(request, served, context, result, headers)
    } catch (error) {
      if (!isHttpProblem(error)) options.onError?.(error, request)
      return fail(request, problemOf(error), headers, errorDown)
    }
  }

  function _input(
    request: RuntimeRequest,
    served: _Served,
    rawParams: Record<string, string>,
    rawQuery: string,
    context: VersionContext,
  ) {
    const params: Record<string, unknown> = { ...rawParams }
    if (request.oversized === true) {
      throw new HttpProblem({
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than the limit',
      })
    }
    const body =
      request.body !== undefined
        ? parseJsonBody(request.body, _one(request.headers['content-type']), bodyLimit, limits)
        : request.parsedBody
    const parts: RequestParts = { body, query: { ...parseQuery(rawQuery) }, headers: { ...request.headers } }
    const index = context.index
    const own = context.channel === 'playground' ? undefined : served.compiled.validators[index]
    const problem = context.channel === 'playground' ? undefined : migrateRequest(served.compiled, index, parts)
    if (problem !== undefined) throw problem
    // Validate once: a part checked at the client's version is not checked again at head.
    const { head } = served
    const issues = [
      ...(head.params && !head.params(params) ? fieldIssues(head.params.errors ?? [], 'params') : []),
      ...(head.query && own?.query === undefined && !head.query(parts.query)
        ? fieldIssues(head.query.errors ?? [])
        : []),
      ...(head.body && own?.body === undefined && !head.body(parts.body) ? fieldIssues(head.body.errors ?? []) : []),
    ]
    if (issues.length > 0) throw validationProblem(issues)
    return { params, query: parts.query, body: parts.body, headers: request.headers }
  }

  function _answer(
    request: RuntimeRequest,
    served: _Served,
    context: VersionContext,
    result: unknown,
    headers: Record<string, string>,
  ): RuntimeResponse {
    const reply = isReply(result) ? result : { status: 200, body: result }
    const parts: ResponseParts = {
      body: reply.body,
      status: reply.status,
      headers: { ...(isReply(result) ? result.headers : {}) },
    }
    if (context.channel !== 'playground') migrateResponse(served.compiled, context.index, parts)
    const out: Record<string, string> = { ...headers, ...parts.headers }
    if (parts.body === undefined || parts.status === 204 || parts.status === 304) {
      return respond(parts.status, out, undefined)
    }
    out['content-type'] ??= JSON_TYPE
    return respond(parts.status, out, request.method === 'HEAD' ? undefined : JSON.stringify(parts.body))
  }

  return {
    api,
    registry,
    matches: (method, url) => {
      const { path } = splitUrl(url)
      if (unversioned(method, path) !== undefined || options.pages?.matches(path) === true) return true
      const match = router.find(method, splitUrl(api.rewriteUrl(url)).path)
      return match !== null && match !== 'bad-url'
    },
    handle,
    fail: (incoming, problem) => {
      const requestId = incoming.requestId ?? requestIdOf(incoming.headers)
      const out = fail({ ...incoming, requestId }, problem)
      return { ...out, headers: { ...out.headers, [REQUEST_ID_HEADER]: requestId } }
    },
  }
}

function _note(
  seen: _Seen,
  served: _Served | undefined,
  admission: ReturnType<Api['admit']> | undefined,
  principal: unknown,
): void {
  seen.scope = served?.route.scope
  seen.route = served?.route.path
  seen.principal = principal
  if (admission === undefined) return
  const version = admission.ok ? admission.context.version : admission.version
  seen.version = version?.id
  seen.channel = admission.ok ? admission.context.channel : version?.channel
}

const _one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)
