import { Agent, createServer, request as httpRequest, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RecordedExchange } from './contract-conformance.ts'

/** A loopback proxy in front of a server that records every exchange clients make through it. */
export interface RecordingProxy {
  /** The proxy's base URL: give it to clients instead of the server's. */
  readonly url: string
  /** Every exchange so far, in the order responses ended. */
  readonly exchanges: readonly RecordedExchange[]
  close(): Promise<void>
}

/**
 * Starts a proxy that forwards each request to `target` byte for byte (repeated and empty headers,
 * undecodable paths, the client's Host) and records what came back, so the end-to-end suites can
 * check every answer they received against the committed contracts.
 *
 * @example
 * const proxy = await startRecordingProxy('http://127.0.0.1:8080')
 * await fetch(`${proxy.url}/api/v1/assets`)
 * proxy.exchanges[0]?.status
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target)
  const exchanges: RecordedExchange[] = []
  // Its own pool, emptied on close, so no idle connection keeps the server from shutting down.
  const agent = new Agent({ keepAlive: true })
  const server = createServer((req, res) => {
    // Distinct values keep a repeated header repeated, as the client sent it (Host is one value).
    const headers: Record<string, string | string[]> = { ...(req.headersDistinct as Record<string, string[]>) }
    if (req.headers.host !== undefined) headers.host = req.headers.host
    const relay = (answer: IncomingMessage) => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('error', () => res.destroy())
      answer.on('end', () => {
        const body = Buffer.concat(chunks)
        exchanges.push({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          status: answer.statusCode ?? 0,
          headers: answer.headers,
          body: body.toString('utf8'),
        })
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders)
        res.end(body)
      })
    }
    const send = (body: Buffer | undefined, retry: boolean) => {
      const options = { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }
      const forward = httpRequest(retry ? { ...options, agent } : { ...options, agent: false }, relay)
      forward.on('error', () => {
        // A server that refuses a body from its headers alone (413) may reset the connection before its
        // answer is read; asked again with the headers only, it answers the same without the reset.
        if (retry) send(undefined, false)
        else res.destroy()
      })
      if (body === undefined) forward.setTimeout(5000, () => forward.destroy())
      forward.end(body)
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', () => res.destroy())
    req.on('end', () => send(Buffer.concat(chunks), chunks.length > 0))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        agent.destroy()
      }),
  }
}
