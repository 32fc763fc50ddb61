import type { ClientResponse, PaginateOptions } from './client-options.ts'
import { defaultItems, defaultNextPage, type Page, walkPages } from './pagination.ts'
import type { QueryValue } from './request-url.ts'
import type { AnyRequestOptions } from './send-request.ts'

type Send = (
  method: string,
  path: string,
  init?: AnyRequestOptions,
  listRoute?: string,
) => Promise<ClientResponse<unknown>>
type AnyPaginateOptions = PaginateOptions<
  Readonly<Record<string, QueryValue>>,
  Readonly<Record<string, string | number>>,
  unknown,
  unknown
>

/**
 * Every page of a list: the first from `path` and the query, the next ones exactly as the server
 * links them (or with the cursor it names added to the first query).
 *
 * @example
 * for await (const page of listPages(send, '/iam/v2/service-accounts', { query: { page_size: 100 } })) console.log(page.body)
 */
export async function* listPages(send: Send, path: string, init: AnyPaginateOptions = {}): AsyncGenerator<Page> {
  const { next = defaultNextPage, query = {}, items: _items, ...rest } = init
  const fetchPage = (target: string | undefined, pageQuery: Readonly<Record<string, QueryValue>>): Promise<Page> =>
    target === undefined
      ? send('GET', path, { ...rest, query: pageQuery })
      : send('GET', target, { ...rest, params: {} }, path.split('?')[0])
  yield* walkPages(fetchPage, next, { query })
}

/**
 * Every item of a list, across its pages.
 *
 * @example
 * for await (const account of listItems(send, '/iam/v2/service-accounts')) console.log(account)
 */
export async function* listItems(send: Send, path: string, init: AnyPaginateOptions = {}): AsyncGenerator<unknown> {
  for await (const page of listPages(send, path, init)) {
    yield* init.items !== undefined ? init.items(page.body) : defaultItems(page.body, `GET ${path}`)
  }
}
