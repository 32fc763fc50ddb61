import type { Duplex } from 'node:stream'
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { HttpProblem, isHttpProblem } from '../../conventions/error/index.ts'
import {
  answerClientError,
  attachRegistry,
  createRuntime,
  DEFAULT_BODY_LIMIT,
  problemOf,
  type Runtime,
  type RuntimeOptions,
} from '../../runtime/index.ts'
import { sendRuntimeResponse } from './reply.ts'
import { toRuntimeRequest } from './request.ts'

/** The Express binding: a middleware, and the not-found and error handlers that answer in the API's format. */
export interface StrataExpress extends RequestHandler {
  readonly runtime: Runtime
  /**
   * For `server.on('clientError', ...)` of the node:http server the app runs on: malformed requests,
   * headers past Node's limit (431) and requests too slow to arrive (408), in the API's error format.
   */
  readonly clientError: (error: NodeJS.ErrnoException, socket: Duplex) => void
  /** Last `app.use(...)`: Express's own "Cannot GET" 404 in the API's error format. */
  readonly notFound: RequestHandler
  /** Error middleware: body-parser failures and anything thrown, in the API's error format. */
  readonly errors: ErrorRequestHandler
}

// body-parser's error types, as Fastify's parser errors are mapped.
const _byType: Record<string, ConstructorParameters<typeof HttpProblem>[0]> = {
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the limit' },
  'entity.parse.failed': { status: 400, code: 'INVALID_REQUEST', message: 'The request body is not valid JSON' },
  'encoding.unsupported': {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body encoding is not supported',
  },
}

/**
 * An Express 5 middleware serving an API's declared routes; other requests go on to the app's own.
 *
 * @example
 * const strata = strataExpress({ api, routes: [getAsset] })
 * app.use(strata); app.use(strata.notFound); app.use(strata.errors)
 */
export function strataExpress(options: RuntimeOptions): StrataExpress {
  const runtime = createRuntime(options)
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const serve: RequestHandler = (req, res, next) => {
    toRuntimeRequest(req, limit)
      .then((plain) => runtime.handle(plain))
      .then((answer) => sendRuntimeResponse(res, answer), next)
  }
  const middleware: RequestHandler = (req, res, next) =>
    runtime.matches(req.method, req.originalUrl) ? serve(req, res, next) : next()
  const fail = (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], problem: HttpProblem) =>
    sendRuntimeResponse(res, runtime.fail({ method: req.method, url: req.originalUrl, headers: req.headers }, problem))
  // Express's own "Cannot GET": the runtime answers it (404, or 405 with Allow), with the version headers.
  const notFound = serve
  const errors: ErrorRequestHandler = (error, req, res, _next) => {
    const type = (error as { type?: string }).type
    const known = type !== undefined ? _byType[type] : undefined
    fail(req, res, known !== undefined && !isHttpProblem(error) ? new HttpProblem(known) : problemOf(error))
  }
  const clientError = (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, (problem) => runtime.fail({ method: 'GET', url: '/', headers: {} }, problem))
  const bound = Object.assign(middleware, { runtime, clientError, notFound, errors })
  attachRegistry(bound, runtime.registry)
  return bound
}
