import type { IncomingMessage } from 'node:http'
import type { RuntimeRequest } from '../../runtime/index.ts'

/**
 * Reads a node:http request into the runtime's plain request. The body is read up to one byte past
 * `limit`, so the runtime can answer 413 without holding an unbounded body in memory.
 */
export async function toRuntimeRequest(request: IncomingMessage, limit: number): Promise<RuntimeRequest> {
  const method = request.method ?? 'GET'
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size <= limit) chunks.push(chunk)
    size += chunk.byteLength
  }
  const body = size === 0 && request.headers['content-length'] === undefined ? undefined : Buffer.concat(chunks)
  return {
    method,
    url: request.url ?? '/',
    headers: request.headers,
    protocol: (request.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http',
    ip: request.socket.remoteAddress ?? '',
    ...(body !== undefined ? { body } : {}),
    raw: request,
  }
}
