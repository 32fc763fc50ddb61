import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http'
import { connect } from 'node:net'

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

/** What {@link rawExchange} read back: the status line's code, the headers (lower-cased, last wins) and the body text. */
export interface RawExchangeReply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
  readonly body: any
}

/**
 * Sends bytes exactly as given over a plain TCP socket and reads the answer, even when the server
 * answers and closes before the whole request is sent (a size limit refusing a body): write errors
 * (EPIPE, ECONNRESET) are ignored once the answer has arrived, and the answer is what the server
 * wrote before closing. Rejects only when no status line came back.
 */
export function rawExchange(
  baseUrl: string,
  head: string,
  body: string | Buffer = '',
  timeoutMs = 10_000,
): Promise<RawExchangeReply> {
  const base = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: base.hostname, port: Number(base.port) })
    const chunks: Buffer[] = []
    let done = false
    const finish = (error?: Error): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      const reply = _parseReply(Buffer.concat(chunks))
      if (reply !== undefined) resolve(reply)
      else reject(error ?? new Error(`no HTTP answer to ${head.split('\r\n')[0]?.slice(0, 80)}`))
    }
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (_parseReply(Buffer.concat(chunks), true) !== undefined) finish()
    })
    socket.on('end', () => finish())
    socket.on('close', () => finish())
    // The server may close while the body is still going out: the answer already read is what counts.
    socket.on('error', (error) => finish(error))
    socket.write(head)
    void _sendBody(socket, typeof body === 'string' ? Buffer.from(body) : body, () => done)
  })
}

/**
 * Writes the body in 64 KiB chunks, yielding to the event loop between them, after giving the
 * server a moment to refuse on the headers alone: an early answer (413 on `content-length`) is read
 * before a write can fail with EPIPE, and no more is sent once it has come.
 */
async function _sendBody(socket: ReturnType<typeof connect>, body: Buffer, finished: () => boolean): Promise<void> {
  if (body.length === 0) return
  await new Promise((resolve) => setTimeout(resolve, 50))
  for (let at = 0; at < body.length && !finished() && socket.writable; at += 64 * 1024) {
    const chunk = body.subarray(at, at + 64 * 1024)
    await new Promise<void>((resolve) => {
      socket.write(chunk, () => resolve())
    })
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Parses one HTTP/1.1 answer; with `complete`, only when the body is whole by its content-length. */
function _parseReply(data: Buffer, complete = false): RawExchangeReply | undefined {
  const end = data.indexOf('\r\n\r\n')
  if (end === -1) return undefined
  const lines = data.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1])
  if (!Number.isInteger(status)) return undefined
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let bytes = data.subarray(end + 4)
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length'])
  if (length !== undefined) {
    if (complete && bytes.length < length) return undefined
    bytes = bytes.subarray(0, length)
  } else if (headers['transfer-encoding'] === 'chunked') {
    const decoded = _dechunk(bytes)
    if (decoded === undefined) return complete ? undefined : { status, headers, text: '', body: undefined }
    bytes = decoded
  } else if (complete) return undefined
  const text = bytes.toString('utf8')
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  return { status, headers, text, body: parsed }
}

function _dechunk(data: Buffer): Buffer | undefined {
  const out: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = data.indexOf('\r\n', at)
    if (eol === -1) return undefined
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16)
    if (Number.isNaN(size)) return undefined
    if (size === 0) return Buffer.concat(out)
    if (data.length < eol + 2 + size) return undefined
    out.push(data.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
}
