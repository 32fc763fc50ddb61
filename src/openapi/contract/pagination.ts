import type { JsonSchema } from '../../change/index.ts'

/** How a list operation pages, as the `x-pagination` extension states it. */
export interface PaginationDoc {
  /** The query parameter that sets the page size. */
  readonly size?: string
  /** The query parameter that carries the cursor or page token. */
  readonly token?: string
  /** JSON pointer (in the 2xx body) of the array of items. */
  readonly items: string
  /** JSON pointer (in the 2xx body) of the next page's cursor, token or link. */
  readonly next?: string
}

// The spellings of the three programs in the seeds and of common public APIs.
const sizeNames = ['page_size', 'pageSize', 'limit', 'size', 'per_page', 'max_results', 'maxResults']
const tokenNames = ['page_token', 'pageToken', 'cursor', 'after', 'starting_after', 'page']
const nextNames = ['nextCursor', 'next_cursor', 'next_page_token', 'nextPageToken', 'next']

const props = (schema: JsonSchema | undefined): Record<string, JsonSchema> =>
  (schema?.properties as Record<string, JsonSchema> | undefined) ?? {}

/**
 * Recognises a paginated list: a page size or page token query parameter, and a 2xx object body
 * with an array of items. Returns where the size, token, items and next cursor are, for
 * `x-pagination` and the operation's description.
 *
 * @example
 * describePagination(['limit', 'cursor'], listSchema, resolve) // { size: 'limit', token: 'cursor', items: '/items', next: '/nextCursor' }
 */
export function describePagination(
  queryNames: readonly string[],
  body: JsonSchema | undefined,
  resolve: (schema: JsonSchema | undefined) => JsonSchema | undefined,
): PaginationDoc | undefined {
  const size = sizeNames.find((n) => queryNames.includes(n))
  const token = tokenNames.find((n) => queryNames.includes(n))
  if (size === undefined && token === undefined) return undefined
  const root = props(resolve(body))
  const items = Object.keys(root).find((k) => resolve(root[k])?.type === 'array')
  if (items === undefined) return undefined
  let next = nextNames.find((n) => root[n] !== undefined)
  let pointer = next === undefined ? undefined : `/${next}`
  if (pointer === undefined) {
    const metadata = props(resolve(root.metadata))
    next = nextNames.find((n) => metadata[n] !== undefined)
    if (next !== undefined) pointer = `/metadata/${next}`
  }
  return {
    ...(size !== undefined ? { size } : {}),
    ...(token !== undefined ? { token } : {}),
    items: `/${items}`,
    ...(pointer !== undefined ? { next: pointer } : {}),
  }
}

/**
 * One customer-facing sentence about how to page through a list.
 *
 * @example
 * paginationSentence({ size: 'limit', token: 'cursor', items: '/items', next: '/nextCursor' })
 */
export function paginationSentence(doc: PaginationDoc): string {
  const parts = [`Paginated: the page's items are at \`${doc.items.slice(1)}\``]
  if (doc.size !== undefined) parts.push(`\`${doc.size}\` sets the page size`)
  if (doc.token !== undefined && doc.next !== undefined) {
    parts.push(`pass \`${doc.next.slice(1).replaceAll('/', '.')}\` of one page as \`${doc.token}\` to get the next`)
  }
  if (doc.next !== undefined) parts.push(`the last page has no \`${doc.next.slice(1).replaceAll('/', '.')}\``)
  return `${parts.join('; ')}.`
}
