import { ClientError } from './client-error.ts'
import { findLink } from './link-header.ts'
import type { QueryValue } from './request-url.ts'

/** One page of a list as the client received it. */
export interface Page<B = unknown> {
  readonly status: number
  readonly headers: Headers
  readonly body: B
  readonly version: string | undefined
}

/** Where the next page is: a URL or path to request as given (opaque), or query parameters to add. */
export type NextPage = string | { readonly query: Readonly<Record<string, QueryValue>> } | undefined

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null

/**
 * The next page of a list: `metadata.next` (Confluent), else `Link: <...>; rel="next"`, else
 * Cognite's `nextCursor` sent back as `cursor`. Tokens and links are used exactly as received.
 *
 * @example
 * defaultNextPage({ status: 200, headers, body: { metadata: { next: 'https://api/x?page_token=abc' } }, version: undefined })
 * // 'https://api/x?page_token=abc'
 */
export function defaultNextPage(page: Page): NextPage {
  const body = page.body
  if (isObject(body) && isObject(body.metadata) && typeof body.metadata.next === 'string' && body.metadata.next !== '')
    return body.metadata.next
  const link = findLink(page.headers.get('link'), 'next')
  if (link !== undefined) return link
  if (isObject(body) && typeof body.nextCursor === 'string' && body.nextCursor !== '')
    return { query: { cursor: body.nextCursor } }
  return undefined
}

/**
 * The items of a list page: `data` (Confluent, IP Fabric), `items` (Cognite) or the body itself
 * when it is an array. A page in none of these shapes is an error naming the URL.
 *
 * @example
 * defaultItems({ data: [{ id: 'sa-1' }] }, 'GET /iam/v2/service-accounts') // [{ id: 'sa-1' }]
 */
export function defaultItems(body: unknown, where: string): unknown[] {
  if (Array.isArray(body)) return body
  if (isObject(body) && Array.isArray(body.data)) return body.data
  if (isObject(body) && Array.isArray(body.items)) return body.items
  throw new ClientError(`${where} is not a list page (no data[] or items[]); pass items: (body) => ... to paginate`)
}

/**
 * Walks the pages of a list, requesting each next page as `nextPage` finds it, and stops when
 * there is none, or when a server repeats a next page (which would never end).
 *
 * @example
 * for await (const page of walkPages(fetchPage, defaultNextPage, { query: { page_size: 100 } })) console.log(page.body)
 */
export async function* walkPages<B>(
  fetchPage: (target: string | undefined, query: Readonly<Record<string, QueryValue>>) => Promise<Page<B>>,
  nextPage: (page: Page<B>) => NextPage,
  first: { readonly query: Readonly<Record<string, QueryValue>> },
): AsyncGenerator<Page<B>, void, undefined> {
  let target: string | undefined
  let query = first.query
  const seen = new Set<string>()
  for (;;) {
    const page = await fetchPage(target, query)
    yield page
    const next = nextPage(page)
    if (next === undefined) return
    const key = typeof next === 'string' ? next : JSON.stringify(next.query)
    if (seen.has(key))
      throw new ClientError(`The list repeats its next page (${key}); stopping to avoid an endless loop`)
    seen.add(key)
    if (typeof next === 'string') {
      target = next
      query = {}
    } else {
      target = undefined
      query = { ...first.query, ...next.query }
    }
  }
}
