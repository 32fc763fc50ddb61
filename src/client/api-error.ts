import { ClientError } from './client-error.ts'
import { readErrorBody } from './error-body.ts'

/**
 * A non-2xx response: its status, headers and body, and what the body says in any of the error
 * formats Strata APIs speak. The message names the method and URL.
 *
 * @example
 * try { await client.get('/assets/7') } catch (err) { if (isApiError(err) && err.status === 404) return undefined }
 */
export class ApiError extends ClientError {
  override name = 'ApiError'
  readonly method: string
  readonly url: string
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
  readonly code: string | undefined
  /** The message of the body alone; `message` adds the status, code, method and URL around it. */
  readonly serverMessage: string | undefined
  readonly details: unknown
  /** The fields that failed validation, when the body lists them. */
  readonly fields: readonly unknown[] | undefined
  readonly requestId: string | undefined
  readonly suggestion: string | undefined
  readonly docUrl: string | undefined
  readonly latestVersion: string | undefined
  readonly supportedVersions: readonly string[] | undefined
  /** Seconds the server asked to wait (`Retry-After` or `X-RateLimit-Reset`), when it did. */
  readonly retryAfter: number | undefined
  /** The version the server says it answered at, when it says. */
  readonly version: string | undefined

  constructor(init: {
    method: string
    url: string
    status: number
    headers: Headers
    body: unknown
    retryAfter: number | undefined
    version: string | undefined
  }) {
    const fields = readErrorBody(init.body, init.headers)
    const said = fields.message ?? (typeof init.body === 'string' && init.body !== '' ? init.body.slice(0, 200) : '')
    const head = [String(init.status), fields.code].filter(Boolean).join(' ')
    const latest = fields.latestVersion !== undefined ? ` (latest version: ${fields.latestVersion})` : ''
    const text = `${init.method} ${init.url} answered ${head}${said !== '' ? `: ${said}` : ''}${latest}`
    super(text)
    this.serverMessage = fields.message
    this.method = init.method
    this.url = init.url
    this.status = init.status
    this.headers = init.headers
    this.body = init.body
    this.code = fields.code
    this.details = fields.details
    this.fields = fields.fields
    this.requestId = fields.requestId
    this.suggestion = fields.suggestion
    this.docUrl = fields.docUrl
    this.latestVersion = fields.latestVersion
    this.supportedVersions = fields.supportedVersions
    this.retryAfter = init.retryAfter
    this.version = init.version
  }
}

/**
 * Tells whether a value is an {@link ApiError}, optionally with a given status.
 *
 * @example
 * if (isApiError(err, 410)) console.error(`upgrade to ${err.latestVersion}`)
 */
export function isApiError(value: unknown, status?: number): value is ApiError {
  return value instanceof ApiError && (status === undefined || value.status === status)
}
