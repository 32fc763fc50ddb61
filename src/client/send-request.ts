import { ApiError } from './api-error.ts'
import { type ClientContext, checkTimeout } from './client-context.ts'
import type { ClientResponse, RequestOptions } from './client-options.ts'
import { ClientOptionsError } from './client-options-error.ts'
import { readDeprecation } from './deprecation.ts'
import { DeprecationError } from './deprecation-error.ts'
import { exchange, type Received } from './exchange.ts'
import { buildUrl, fillPath, type QueryValue } from './request-url.ts'
import { serverWaitSeconds } from './retry-delay.ts'
import { type ChosenPlacement, choosePlacement, placedValue, placeVersion } from './version-placement.ts'

/** Request options as the untyped core sees them. */
export type AnyRequestOptions = RequestOptions<
  Readonly<Record<string, QueryValue>>,
  Readonly<Record<string, string | number>>,
  unknown
>
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

/**
 * Sends one request of a client: places the version, adds the `Idempotency-Key` of a POST,
 * exchanges it (with retries), then reports the version, announces a deprecation and turns a
 * non-2xx into an {@link ApiError}.
 *
 * @example
 * const res = await sendRequest(context, 'GET', '/assets/{id}', { params: { id: 7 } })
 */
export async function sendRequest(
  context: ClientContext,
  method: string,
  path: string,
  init: AnyRequestOptions = {},
  listRoute?: string,
): Promise<ClientResponse<unknown>> {
  const verb = typeof method === 'string' ? method.toUpperCase() : ''
  if (!METHODS.has(verb)) throw new ClientOptionsError(`Unknown HTTP method '${String(method)}'.`)
  if (typeof path !== 'string') throw new ClientOptionsError(`The path must be a string; got ${typeof path}.`)
  // A followed page link is absolute: its path below the base URL picks the placement, and the
  // deprecation notice names the list's route, so that every page is at the first page's version.
  const route = listRoute ?? _routeOf(path, context.base)
  const chosen = choosePlacement(_routeOf(path, context.base), context.version, context.versionByPrefix, init.version)
  const headers = new Headers({ accept: 'application/json', ...context.headers })
  const hasBody = init.body !== undefined
  if (hasBody) headers.set('content-type', 'application/json')
  const placed = placeVersion(fillPath(path, init.params), chosen, headers, hasBody)
  for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value)
  if (verb === 'POST' && !headers.has('idempotency-key')) headers.set('idempotency-key', init.idempotencyKey ?? _uuid())
  const url = buildUrl(context.base, placed, init.query)
  const received = await exchange(context, {
    method: verb,
    url,
    headers,
    body: hasBody ? JSON.stringify(init.body) : undefined,
    signal: init.signal,
    timeout: init.timeout !== undefined ? checkTimeout(init.timeout, 'the request option timeout') : context.timeout,
  })
  return _answer(context, received, { method: verb, route, url: url.href, chosen })
}

/** A random UUID v4; `crypto.randomUUID` exists only in secure contexts, `getRandomValues` everywhere. */
function _uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** The path of a request below the base URL, without the query: `/devices` for `http://host/api/devices?offset=5`. */
function _routeOf(path: string, base: URL): string {
  const bare = path.split('?')[0] ?? path
  if (!/^[a-z][a-z0-9+.-]*:/i.test(bare)) return bare
  const { pathname } = new URL(bare)
  const below = base.pathname.replace(/\/+$/, '')
  return pathname.startsWith(`${below}/`) ? pathname.slice(below.length) : pathname
}

function _answer(
  context: ClientContext,
  received: Received,
  request: { method: string; route: string; url: string; chosen: ChosenPlacement },
): ClientResponse<unknown> {
  const { status, headers, body } = received
  const version = _reportedVersion(headers, body, request.chosen, context.versionHeader)
  const notice = readDeprecation(headers, { method: request.method, route: request.route, version, url: request.url })
  if (notice !== undefined) context.announce(notice)
  if (status < 200 || status >= 300) {
    const retryAfter = status === 429 || status === 503 ? serverWaitSeconds(headers, Date.now()) : undefined
    throw new ApiError({ method: request.method, url: request.url, status, headers, body, retryAfter, version })
  }
  if (notice !== undefined && context.deprecationsAsErrors) throw new DeprecationError(notice)
  return { status, headers, body, version }
}

/** The version the server says it used: a configured header, `X-API-Version-Used`, the echoed request header, `api_version`. */
function _reportedVersion(
  headers: Headers,
  body: unknown,
  chosen: ChosenPlacement,
  versionHeader: string | undefined,
): string | undefined {
  const placement = chosen.placement
  const echoed = placement !== undefined && 'header' in placement ? placement.header : undefined
  for (const name of [versionHeader, 'x-api-version-used', echoed]) {
    const value = name !== undefined ? headers.get(name) : null
    if (value !== null && value !== '') return value
  }
  const apiVersion = (body as { api_version?: unknown } | undefined)?.api_version
  return typeof apiVersion === 'string' ? apiVersion : placedValue(placement)
}
