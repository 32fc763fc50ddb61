import { StrataError } from '../../error/index.ts'
import type { ListLinks } from '../object-model/index.ts'
import type { PageContext, PageCursor, PageTokenCodec } from './page-token.ts'
import { PAGE_PARAMETERS } from './query.ts'

/** The values {@link buildPageLinks} needs from the request and the page. */
export interface PageLinksInit {
  /** The absolute URL of the current request, with its filter parameters. */
  readonly url: string | URL
  readonly tokens: PageTokenCodec
  readonly context: PageContext
  readonly pageSize: number
  readonly next?: PageCursor | undefined
  readonly prev?: PageCursor | undefined
  /** Whether to offer a `last` link (a backward read from the end); defaults to true. */
  readonly last?: boolean
}

/**
 * Builds the `first`, `last`, `prev` and `next` URLs of a page: the request URL with its filter
 * kept, page parameters replaced, and a fresh signed `page_token` where one is needed.
 *
 * @example
 * const links = buildPageLinks({ url: 'https://api.example.com/cmk/v2/clusters?environment=env-1', tokens, context,
 *   pageSize: page.items.length, next: page.next, prev: page.prev })
 */
export function buildPageLinks(init: PageLinksInit): ListLinks {
  const base = new URL(init.url)
  for (const name of PAGE_PARAMETERS) base.searchParams.delete(name)
  const withParam = (name: string, value: string) => {
    const url = new URL(base)
    url.searchParams.append(name, value)
    return url.href
  }
  const token = (cursor: PageCursor) =>
    withParam('page_token', init.tokens.issue({ cursor, pageSize: init.pageSize }, init.context))
  return {
    first: withParam('page_size', String(init.pageSize)),
    ...(init.last === false ? {} : { last: token({ direction: 'before', keys: null }) }),
    ...(init.prev ? { prev: token(init.prev) } : {}),
    ...(init.next ? { next: token(init.next) } : {}),
  }
}

/**
 * Writes page links as an RFC 8288 `Link` header value, each relation quoted.
 *
 * @example
 * formatLinkHeader({ next: 'https://api.example.com/x?page_token=T' }) // '<https://api.example.com/x?page_token=T>; rel="next"'
 */
export function formatLinkHeader(links: ListLinks): string {
  const parts: string[] = []
  for (const rel of ['first', 'prev', 'next', 'last'] as const) {
    const href = links[rel]
    if (href === undefined) continue
    if (/[<>\s]/.test(href))
      throw new StrataError(
        'STRATA_ERR_PAGINATION_INVALID_LINK',
        `Link target for rel="${rel}" contains "<", ">" or white space; encode it.`,
      )
    parts.push(`<${href}>; rel="${rel}"`)
  }
  return parts.join(', ')
}
