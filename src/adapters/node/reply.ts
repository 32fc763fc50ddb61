import type { ServerResponse } from 'node:http'
import type { RuntimeResponse } from '../../runtime/index.ts'

/** Writes the runtime's answer to a node:http response. */
export function sendRuntimeResponse(response: ServerResponse, answer: RuntimeResponse): void {
  const headers: Record<string, string | number> = { ...answer.headers }
  if (answer.body !== undefined) headers['content-length'] = Buffer.byteLength(answer.body)
  response.writeHead(answer.status, headers)
  response.end(answer.body)
}
