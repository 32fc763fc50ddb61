import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import {
  answerClientError,
  attachRegistry,
  createRuntime,
  DEFAULT_BODY_LIMIT,
  type Runtime,
  type RuntimeOptions,
} from '../../runtime/index.ts'
import { sendRuntimeResponse } from './reply.ts'
import { toRuntimeRequest } from './request.ts'

export interface StrataListenerOptions extends RuntimeOptions {
  /** Requests no declared route serves go here (another router); answered 404 in the API's format when absent. */
  readonly next?: (request: IncomingMessage, response: ServerResponse) => void
}

/** A node:http request listener with its runtime (for contracts and the CLI). */
export interface StrataListener {
  (request: IncomingMessage, response: ServerResponse): void
  readonly runtime: Runtime
}

// A request Node could not parse has no method, URL or headers the runtime could read.
const _PARSE_FAILURE = { method: 'GET', url: '/', headers: {} } as const

/**
 * A node:http request listener serving an API's declared routes: put it behind `http.createServer`
 * or any router.
 *
 * @example
 * const listener = strataListener({ api, routes: [getAsset, createAsset] })
 * http.createServer(listener).listen(8080)
 */
export function strataListener(options: StrataListenerOptions): StrataListener {
  const runtime = createRuntime(options)
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    if (options.next !== undefined && !runtime.matches(request.method ?? 'GET', request.url ?? '/')) {
      options.next(request, response)
      return
    }
    toRuntimeRequest(request, limit)
      .then((plain) => runtime.handle(plain))
      .then(
        (answer) => sendRuntimeResponse(response, answer),
        () => response.destroy(),
      )
  }
  const bound = Object.assign(listener, { runtime })
  attachRegistry(bound, runtime.registry)
  return bound
}

/**
 * An `http.Server` around {@link strataListener} whose own parse failures are answered in the API's
 * error format instead of Node's bare reply: 400 for a malformed request, 431 for headers past
 * Node's limit, 408 for a request that does not arrive within `requestTimeout`.
 *
 * @example
 * const server = createStrataServer({ api, routes }); server.listen(8080)
 */
export function createStrataServer(options: StrataListenerOptions): Server & { readonly runtime: Runtime } {
  const listener = strataListener(options)
  const server = createServer(listener)
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) =>
    answerClientError(error, socket, (problem) => listener.runtime.fail(_PARSE_FAILURE, problem)),
  )
  const bound = Object.assign(server, { runtime: listener.runtime })
  attachRegistry(bound, listener.runtime.registry)
  return bound
}
