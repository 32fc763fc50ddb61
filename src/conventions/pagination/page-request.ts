import { _resolvePageSizeOptions, type PageSizeOptions, parsePageSize } from './page-size.ts'
import type { PageContext, PageCursor, PageTokenCodec } from './page-token.ts'
import { _invalidPageParameter, _singleQueryValue } from './query.ts'

/** The page a list request asks for. */
export interface PageRequest {
  readonly pageSize: number
  /** Absent on the first page. */
  readonly cursor: PageCursor | undefined
}

/** Options of {@link readPageRequest}. */
export interface PageRequestOptions {
  readonly tokens: PageTokenCodec
  readonly pageSize?: PageSizeOptions
}

/**
 * Reads `page_size` and `page_token` from a list request; with a token, the size is the one the
 * first request chose (the seed makes `page_size` valid on the first request only).
 *
 * @example
 * const page = readPageRequest({ apiVersion: 'cmk/v2', query: req.query, route: 'clusters' }, { tokens })
 */
export function readPageRequest(context: PageContext, options: PageRequestOptions): PageRequest {
  const token = _singleQueryValue(context.query, 'page_token')
  if (token === undefined || token === '') {
    return { pageSize: parsePageSize(context.query, options.pageSize), cursor: undefined }
  }
  if (typeof token !== 'string') {
    throw _invalidPageParameter(
      'page_token',
      'is given more than once',
      'repeated',
      'Send the page_token from the previous response once',
    )
  }
  const content = options.tokens.verify(token, context)
  // The maximum may have been lowered since the token was issued.
  const { max } = _resolvePageSizeOptions(options.pageSize ?? {})
  return { pageSize: Math.min(content.pageSize, max), cursor: content.cursor }
}
