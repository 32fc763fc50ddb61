import type { Duplex } from 'node:stream'
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono'
import type { HttpProblem } from '../../conventions/error/index.ts'
import {
  answerClientError,
  attachRegistry,
  createRuntime,
  DEFAULT_BODY_LIMIT,
  problemOf,
  type Runtime,
  type RuntimeOptions,
} from '../../runtime/index.ts'
import { pathAndQuery, toRuntimeRequest } from './request.ts'

/** The Hono binding: a middleware, and the not-found and error handlers that answer in the API's format. */
export interface StrataHono extends MiddlewareHandler {
  readonly runtime: Runtime
  /**
   * For `server.on('clientError', ...)` of the node:http server the app runs on: malformed requests,
   * headers past Node's limit (431) and requests too slow to arrive (408), in the API's error format.
   */
  readonly clientError: (error: NodeJS.ErrnoException, socket: Duplex) => void
  /** For `app.notFound(...)`: Hono's own 404 in the API's error format. */
  readonly notFound: NotFoundHandler
  /** For `app.onError(...)`: anything thrown outside declared routes, in the API's error format. */
  readonly onError: ErrorHandler
}

// On @hono/node-server the Node request is `c.env.incoming`; elsewhere the address comes from a proxy header you trust.
type _NodeIncoming = { socket?: { remoteAddress?: string }; headers?: Record<string, string | string[] | undefined> }
const _incoming = (c: Context): _NodeIncoming | undefined =>
  (c.env as { incoming?: _NodeIncoming } | undefined)?.incoming

const _response = (answer: { status: number; headers: Readonly<Record<string, string>>; body: string | undefined }) =>
  new Response(answer.body ?? null, { status: answer.status, headers: answer.headers })

/**
 * A Hono 4 middleware serving an API's declared routes on web-standard Request / Response, so the
 * same app runs on Node (`@hono/node-server`), Bun, Deno and Workers. Other requests go on to the
 * app's own routes.
 *
 * @example
 * const strata = strataHono({ api, routes: [getAsset] })
 * app.use(strata); app.notFound(strata.notFound); app.onError(strata.onError)
 */
export function strataHono(options: RuntimeOptions): StrataHono {
  const runtime = createRuntime(options)
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const middleware: MiddlewareHandler = async (c, next) => {
    if (!runtime.matches(c.req.method, pathAndQuery(c.req.url))) {
      await next()
      return
    }
    return _response(await runtime.handle(await _plain(c)))
  }
  const _plain = (c: Context) =>
    toRuntimeRequest(c.req.raw, limit, _incoming(c)?.socket?.remoteAddress ?? '', _incoming(c)?.headers)
  function fail(c: Context, problem: HttpProblem): Response {
    const headers = Object.fromEntries([...c.req.raw.headers].map(([k, v]) => [k.toLowerCase(), v]))
    return _response(runtime.fail({ method: c.req.method, url: pathAndQuery(c.req.url), headers }, problem))
  }
  // Hono's own 404: the runtime answers it (404, or 405 with Allow), with the version headers.
  const notFound: NotFoundHandler = async (c) => _response(await runtime.handle(await _plain(c)))
  const onError: ErrorHandler = (error, c) => fail(c, problemOf(error))
  const clientError = (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, (problem) => runtime.fail({ method: 'GET', url: '/', headers: {} }, problem))
  const bound = Object.assign(middleware, { runtime, clientError, notFound, onError })
  attachRegistry(bound, runtime.registry)
  return bound
}
