import type { RuntimeRequest } from '../../runtime/index.ts'

/**
 * Reads a web-standard Request into the runtime's plain request. A declared `content-length` past
 * the limit is not read at all: the runtime answers 413.
 */
export async function toRuntimeRequest(request: Request, limit: number, ip: string): Promise<RuntimeRequest> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  for (const [name, value] of request.headers) headers[name.toLowerCase()] = value
  const base = {
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers,
    protocol: url.protocol.slice(0, -1),
    ip,
    raw: request,
  }
  // A declared length past the limit is refused unread.
  if (Number(headers['content-length'] ?? 0) > limit) return { ...base, oversized: true }
  const hasBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD'
  const body = hasBody ? new Uint8Array(await request.arrayBuffer()) : undefined
  return body !== undefined && (body.byteLength > 0 || headers['content-length'] !== undefined)
    ? { ...base, body }
    : base
}
