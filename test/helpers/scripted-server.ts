import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request as the scripted server received it. */
export interface ReceivedRequest {
  readonly method: string
  /** Path and query, as sent. */
  readonly url: string
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** The parsed JSON body, or `undefined`. */
  readonly json: unknown
}

/** A real HTTP server on 127.0.0.1 whose answers a test scripts, recording every request. */
export interface ScriptedServer {
  readonly url: string
  readonly requests: ReceivedRequest[]
  close(): Promise<void>
}

/**
 * Starts a `node:http` server on a free port; `handle` answers each request (the n-th, from 0).
 * Real sockets, so the client is tested through the platform `fetch` without any mocking.
 *
 * @example
 * const server = await startScriptedServer((req, res) => res.end('{}'))
 */
export async function startScriptedServer(
  handle: (req: ReceivedRequest, res: ServerResponse, n: number) => unknown,
): Promise<ScriptedServer> {
  const requests: ReceivedRequest[] = []
  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      let json: unknown
      try {
        json = body === '' ? undefined : JSON.parse(body)
      } catch {}
      const req = { method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers, body, json }
      const n = requests.push(req) - 1
      // A handler that throws answers 500 with the error, rather than leaving the client waiting.
      new Promise((resolve) => resolve(handle(req, res, n))).catch((error: unknown) => {
        res.statusCode = 500
        res.end(String(error))
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * Answers JSON with a status and headers.
 *
 * @example
 * sendJson(res, 200, { id: 1 }, { 'cdf-version': '20230201' })
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType, ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}
