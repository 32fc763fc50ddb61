import type { RuntimeRequest } from '../../runtime/index.ts'

/**
 * Reads a web-standard Request into the runtime's plain request. A declared `content-length` past
 * the limit is not read at all: the runtime answers 413.
 */
export async function toRuntimeRequest(
  request: Request,
  limit: number,
  ip: string,
  nodeHeaders?: Readonly<Record<string, string | string[] | undefined>>,
): Promise<RuntimeRequest> {
  // On @hono/node-server the Node request's headers are already a lower-cased object: building a Headers
  // object to copy them back costs more than the rest of the adapter.
  let headers: Readonly<Record<string, string | string[] | undefined>>
  if (nodeHeaders !== undefined) headers = nodeHeaders
  else {
    const copy: Record<string, string> = {}
    for (const [name, value] of request.headers) copy[name.toLowerCase()] = value
    headers = copy
  }
  const base = {
    method: request.method,
    url: pathAndQuery(request.url),
    headers,
    protocol: request.url.startsWith('https:') ? 'https' : 'http',
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

/** The path and query of an absolute URL, as sent (no parsing: a Request's URL is already normalised). */
export function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2)
  if (start < 0) return '/'
  const hash = url.indexOf('#', start)
  return hash < 0 ? url.slice(start) : url.slice(start, hash)
}
