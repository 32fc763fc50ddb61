import type { AuthOptions } from './auth.ts'
import type { DeprecationNotice } from './deprecation.ts'
import type { NextPage, Page } from './pagination.ts'
import type { RetryOptions } from './retry.ts'
import type { VersionPlacement } from './version-placement.ts'

/** How a client reaches one API. Only `baseUrl` is required. */
export interface ClientOptions {
  /** The API's address; request paths are joined to its path (`http://host/api` + `/assets`). */
  readonly baseUrl: string | URL
  /** Where the version goes on every request (unless a prefix or the request says otherwise). */
  readonly version?: VersionPlacement
  /** Per path prefix, e.g. Confluent's API groups: `{ '/cmk': { segment: 'v2' }, '/iam': { segment: 'v2' } }`. */
  readonly versionByPrefix?: Readonly<Record<string, VersionPlacement>>
  /** The response header that names the version the server used; default `X-API-Version-Used`, then the request's version header. */
  readonly versionHeader?: string
  readonly auth?: AuthOptions
  /** Retries of 429, 503, network failures and (for idempotent requests) 5xx; `false` for none. */
  readonly retry?: RetryOptions | false
  /** Milliseconds a request may take, all attempts and waits included. Default 30 000; `0` for none. */
  readonly timeout?: number
  /** Headers sent on every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** Called once per (method, route, version) served at a deprecated version. */
  readonly onDeprecation?: (notice: DeprecationNotice) => void
  /** Throw a `DeprecationError` for every response served at a deprecated version (for test runs). */
  readonly deprecationsAsErrors?: boolean
  /** The `fetch` to use; default the platform's. */
  readonly fetch?: typeof fetch
}

/** What one request may say besides its method and path. */
export interface RequestOptions<Query, Params, Body> {
  readonly query?: Query
  /** Values of the `{name}` placeholders of the path. */
  readonly params?: Params
  /** Sent as JSON. */
  readonly body?: Body
  readonly headers?: Readonly<Record<string, string>>
  readonly signal?: AbortSignal
  /** Overrides the client's timeout for this request, in milliseconds. */
  readonly timeout?: number
  /** This request's version: a value for the configured placement (`'3'`) or a placement of its own. */
  readonly version?: string | VersionPlacement
  /** The `Idempotency-Key` of a POST; default a random UUID, kept across retries. */
  readonly idempotencyKey?: string
}

/** A 2xx response: its status, headers, parsed body and the version the server says it used. */
export interface ClientResponse<Body> {
  readonly status: number
  readonly headers: Headers
  readonly body: Body
  readonly version: string | undefined
}

/** How `paginate` and `pages` read a list; by default they understand Confluent, Cognite and IP Fabric lists. */
export interface PageOptions<Query, Params, Body> extends Omit<RequestOptions<Query, Params, never>, 'body'> {
  /** Finds the next page; default `metadata.next`, then `Link rel="next"`, then `nextCursor`. */
  readonly next?: (page: Page<Body>) => NextPage
}

/** How `paginate` reads items out of each page. */
export interface PaginateOptions<Query, Params, Body, Item> extends PageOptions<Query, Params, Body> {
  /** Reads the items of a page; default `data`, then `items`, then the body if it is an array. */
  readonly items?: (body: Body) => readonly Item[]
}

/** How `update` writes the resource back. */
export interface UpdateOptions<Query, Params> extends Omit<RequestOptions<Query, Params, never>, 'body'> {
  /** `PUT` (the default) replaces the resource; `PATCH` for APIs that take whole objects there. */
  readonly method?: 'PUT' | 'PATCH'
}
