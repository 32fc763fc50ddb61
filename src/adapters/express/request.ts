import type { Request } from 'express'
import type { RuntimeRequest } from '../../runtime/index.ts'

/**
 * Reads an Express request into the runtime's plain request: the raw body when no body parser ran,
 * else the body Express already parsed.
 */
export async function toRuntimeRequest(request: Request, limit: number): Promise<RuntimeRequest> {
  const base = {
    method: request.method,
    url: request.originalUrl,
    headers: request.headers,
    protocol: request.protocol,
    ip: request.ip ?? '',
    raw: request,
  }
  if (request.body !== undefined || request.readableEnded) {
    return request.body === undefined ? base : { ...base, parsedBody: request.body }
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (size <= limit) chunks.push(chunk)
    size += chunk.byteLength
  }
  const hasBody = size > 0 || request.headers['content-length'] !== undefined
  return hasBody ? { ...base, body: Buffer.concat(chunks) } : base
}
