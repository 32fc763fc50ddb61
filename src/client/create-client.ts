import { ApiError } from './api-error.ts'
import { createAuthorizer } from './auth.ts'
import type { Client } from './client.ts'
import { ClientError } from './client-error.ts'
import type { ClientOptions, ClientResponse, PaginateOptions, RequestOptions, UpdateOptions } from './client-options.ts'
import { ClientOptionsError } from './client-options-error.ts'
import { readDeprecation } from './deprecation.ts'
import { DeprecationError } from './deprecation-error.ts'
import { exchange } from './exchange.ts'
import { mergeChanges } from './merge-changes.ts'
import { defaultItems, defaultNextPage, type Page, walkPages } from './pagination.ts'
import { buildUrl, fillPath, type QueryValue } from './request-url.ts'
import { resolveRetry } from './retry.ts'
import { serverWaitSeconds } from './retry-delay.ts'
import type { UntypedPaths } from './typed-paths.ts'
import {
  type ChosenPlacement,
  checkPlacement,
  choosePlacement,
  placedValue,
  placeVersion,
} from './version-placement.ts'

type AnyOptions = RequestOptions<
  Readonly<Record<string, QueryValue>>,
  Readonly<Record<string, string | number>>,
  unknown
>
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

function _baseUrl(value: string | URL): URL {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {}
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new ClientOptionsError(
      `baseUrl must be an absolute http(s) URL such as https://api.example.com; got '${String(value)}'.`,
    )
  return url
}

function _timeout(value: number | undefined, where: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ClientOptionsError(`${where} must be a number of milliseconds >= 0; got ${String(value)}.`)
  return value === 0 ? undefined : value
}

function _reportedVersion(
  headers: Headers,
  body: unknown,
  chosen: ChosenPlacement,
  versionHeader: string | undefined,
): string | undefined {
  const placement = chosen.placement
  const names = [
    versionHeader,
    'x-api-version-used',
    placement !== undefined && 'header' in placement ? placement.header : undefined,
  ]
  for (const name of names) {
    const value = name !== undefined ? headers.get(name) : null
    if (value !== null && value !== '') return value
  }
  const apiVersion = (body as { api_version?: unknown } | undefined)?.api_version
  if (typeof apiVersion === 'string') return apiVersion
  return placedValue(placement)
}

/**
 * Creates a client of one API: the version placed where the API reads it, retries that respect the
 * server, deprecation notices, errors parsed from the API's envelope, pagination and
 * read-modify-write that keeps unknown fields. Runs on the platform `fetch`.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8080/api/v1', version: { header: 'Cdf-Version', value: '20230205' } })
 * const { body, version } = await client.get('/assets/{id}', { params: { id: 7 } })
 */
export function createClient<P extends object = UntypedPaths>(options: ClientOptions): Client<P> {
  if (typeof options !== 'object' || options === null)
    throw new ClientOptionsError('createClient needs an options object with baseUrl.')
  const base = _baseUrl(options.baseUrl)
  if (options.version !== undefined) checkPlacement(options.version, 'version')
  const byPrefix = options.versionByPrefix ?? {}
  for (const [prefix, placement] of Object.entries(byPrefix)) {
    if (!prefix.startsWith('/'))
      throw new ClientOptionsError(`versionByPrefix keys must start with '/'; got '${prefix}'.`)
    checkPlacement(placement, `versionByPrefix['${prefix}']`)
  }
  const fetchImpl = options.fetch ?? globalThis.fetch
  if (typeof fetchImpl !== 'function') throw new ClientOptionsError('No fetch is available; pass options.fetch.')
  const context = {
    fetch: fetchImpl,
    retry: resolveRetry(options.retry),
    auth: createAuthorizer(options.auth, fetchImpl),
  }
  const timeout = options.timeout === undefined ? 30_000 : _timeout(options.timeout, 'timeout')
  const announced = new Set<string>()

  async function request(method: string, path: string, init: AnyOptions = {}): Promise<ClientResponse<unknown>> {
    const verb = typeof method === 'string' ? method.toUpperCase() : ''
    if (!METHODS.has(verb)) throw new ClientOptionsError(`Unknown HTTP method '${String(method)}'.`)
    if (typeof path !== 'string') throw new ClientOptionsError(`The path must be a string; got ${typeof path}.`)
    const route = path.split('?')[0] ?? path
    const chosen = choosePlacement(route, options.version, byPrefix, init.version)
    const headers = new Headers({ accept: 'application/json', ...options.headers })
    const hasBody = init.body !== undefined
    if (hasBody) headers.set('content-type', 'application/json')
    const placed = placeVersion(fillPath(path, init.params), chosen, headers, hasBody)
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value)
    if (verb === 'POST' && !headers.has('idempotency-key'))
      headers.set('idempotency-key', init.idempotencyKey ?? crypto.randomUUID())
    const url = buildUrl(base, placed, init.query)
    const received = await exchange(context, {
      method: verb,
      url,
      headers,
      body: hasBody ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
      timeout: init.timeout !== undefined ? _timeout(init.timeout, 'the request option timeout') : timeout,
    })
    const version = _reportedVersion(received.headers, received.body, chosen, options.versionHeader)
    const notice = readDeprecation(received.headers, { method: verb, route, version, url: url.href })
    if (notice !== undefined) {
      const key = `${verb} ${route} ${version ?? ''}`
      if (!announced.has(key)) {
        announced.add(key)
        options.onDeprecation?.(notice)
      }
    }
    if (received.status < 200 || received.status >= 300) {
      const retryAfter =
        received.status === 429 || received.status === 503 ? serverWaitSeconds(received.headers, Date.now()) : undefined
      throw new ApiError({
        method: verb,
        url: url.href,
        status: received.status,
        headers: received.headers,
        body: received.body,
        retryAfter,
        version,
      })
    }
    if (notice !== undefined && options.deprecationsAsErrors === true) throw new DeprecationError(notice)
    return { status: received.status, headers: received.headers, body: received.body, version }
  }

  async function* pages(
    path: string,
    init: PaginateOptions<Record<string, QueryValue>, Record<string, string | number>, unknown, unknown> = {},
  ) {
    const { next = defaultNextPage, query = {}, ...rest } = init
    const fetchPage = (target: string | undefined, pageQuery: Readonly<Record<string, QueryValue>>): Promise<Page> =>
      target === undefined
        ? request('GET', path, { ...rest, query: pageQuery })
        : request('GET', target, { ...rest, params: {} })
    yield* walkPages(fetchPage, next, { query })
  }

  async function* paginate(
    path: string,
    init: PaginateOptions<Record<string, QueryValue>, Record<string, string | number>, unknown, unknown> = {},
  ) {
    for await (const page of pages(path, init)) {
      const items = init.items !== undefined ? init.items(page.body) : defaultItems(page.body, `GET ${path}`)
      yield* items
    }
  }

  async function update(
    path: string,
    change: (resource: unknown) => unknown,
    init: UpdateOptions<Record<string, QueryValue>, Record<string, string | number>> = {},
  ) {
    const { method = 'PUT', ...rest } = init
    const current = await request('GET', path, rest)
    if (typeof current.body !== 'object' || current.body === null)
      throw new ClientError(`GET ${path} did not answer a JSON object, so there is nothing to update`)
    const draft = structuredClone(current.body)
    const returned = change(draft)
    const body = returned === undefined ? draft : mergeChanges(current.body, returned)
    const etag = current.headers.get('etag')
    const headers = { ...rest.headers, ...(etag !== null ? { 'if-match': etag } : {}) }
    return request(method, path, { ...rest, headers, body })
  }

  const client = {
    request,
    get: (path: string, init?: AnyOptions) => request('GET', path, init),
    post: (path: string, init?: AnyOptions) => request('POST', path, init),
    put: (path: string, init?: AnyOptions) => request('PUT', path, init),
    patch: (path: string, init?: AnyOptions) => request('PATCH', path, init),
    delete: (path: string, init?: AnyOptions) => request('DELETE', path, init),
    pages,
    paginate,
    update,
  }
  return client as unknown as Client<P>
}
