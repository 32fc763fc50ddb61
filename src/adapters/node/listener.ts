import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { HttpProblem } from '../../conventions/error/index.ts'
import {
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
 * An `http.Server` around {@link strataListener} whose own parse failures (a malformed request line
 * or header) are answered 400 in the API's error format instead of Node's bare reply.
 *
 * @example
 * const server = createStrataServer({ api, routes }); server.listen(8080)
 */
export function createStrataServer(options: StrataListenerOptions): Server & { readonly runtime: Runtime } {
  const listener = strataListener(options)
  const server = createServer(listener)
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
    const answer = listener.runtime.fail(
      { method: 'GET', url: '/', headers: {} },
      new HttpProblem(
        tooLarge
          ? { status: 431, code: 'HEADERS_TOO_LARGE', message: 'The request headers are larger than the limit' }
          : { status: 400, code: 'INVALID_REQUEST', message: 'The request is not valid HTTP' },
      ),
    )
    const body = answer.body ?? ''
    socket.end(
      `HTTP/1.1 ${answer.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: ${answer.headers['content-type']}\r\nx-request-id: ${answer.headers['x-request-id']}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  })
  const bound = Object.assign(server, { runtime: listener.runtime })
  attachRegistry(bound, listener.runtime.registry)
  return bound
}
