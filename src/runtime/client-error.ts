import type { Duplex } from 'node:stream'
import { HttpProblem } from '../conventions/error/index.ts'

/** What a parser failure is answered with: Node's own reply would be a bare status line. */
const _problems: Record<string, ConstructorParameters<typeof HttpProblem>[0]> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'HEADERS_TOO_LARGE',
    message: 'The request headers (URL included) are larger than the limit',
    suggestion: 'Send fewer or shorter headers, and long filters in a request body',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: 'The request was not received in time',
    suggestion: 'Send the whole request promptly, or retry on a faster connection',
  },
}
const _reason: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
}

/**
 * Answers a `clientError` of a node:http server (a malformed request, headers past the parser's
 * limit, a request too slow to arrive) in the API's error format, then closes the connection.
 * `render` is the adapter's runtime `fail`. Bind it to every server an adapter runs on.
 *
 * @example
 * server.on('clientError', (error, socket) => answerClientError(error, socket, (p) => runtime.fail(plain, p)))
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  render: (problem: HttpProblem) => {
    status: number
    headers: Readonly<Record<string, string>>
    body?: string | undefined
  },
): void {
  // A reset connection has nobody to answer; a response already started must not get a second one
  // (Node's own handler makes the same check before its bare 400 / 408 / 431).
  const started = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (error.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy()
    return
  }
  const known = error.code === undefined ? undefined : _problems[error.code]
  const answer = render(
    new HttpProblem(known ?? { status: 400, code: 'INVALID_REQUEST', message: 'The request is not valid HTTP' }),
  )
  const body = answer.body ?? ''
  const head = [
    `HTTP/1.1 ${answer.status} ${_reason[answer.status] ?? 'Bad Request'}`,
    `content-type: ${answer.headers['content-type'] ?? 'application/json'}`,
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
  ].join('\r\n')
  socket.end(`${head}\r\n\r\n${body}`)
}
