import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'

/** What a raw request returns: status, headers as Node.js parsed them, and the JSON body. */
export interface RawReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  readonly body: any
}

export interface RawInit {
  readonly method?: string
  /** An array value sends the header once per element (a repeated header); `''` sends it empty. */
  readonly headers?: OutgoingHttpHeaders
  /** Sent as JSON with `content-type: application/json`. */
  readonly body?: unknown
  /** Sent as it is, with only the headers given (for bodies that are not JSON or not valid JSON). */
  readonly raw?: string
}

/**
 * Sends one request with `node:http`, so headers go out exactly as given (repeated, empty or
 * oddly spaced), which `fetch` would merge or refuse.
 */
export function rawRequest(baseUrl: string, path: string, init: RawInit = {}): Promise<RawReply> {
  const base = new URL(baseUrl)
  const payload = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body))
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: init.method ?? 'GET',
        headers: {
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString()
        })
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text === '' ? undefined : JSON.parse(text),
            })
          } catch (err) {
            reject(
              new Error(`${init.method ?? 'GET'} ${path}: the body is not JSON: ${text.slice(0, 200)}`, { cause: err }),
            )
          }
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}
