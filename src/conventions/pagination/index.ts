/** Keyset pages: turning probe-row reads into items and neighbour cursors. */
export { type KeysetPage, sliceKeysetPage } from './keyset-page.ts'
/** Keyset pagination over SQL (SQLite `?` and PostgreSQL `$n` placeholders). */
export { type KeysetSql, type KeysetSqlOptions, keysetSql, type SortColumn } from './keyset-sql.ts'
/** Page links for list `metadata` and the RFC 8288 `Link` header. */
export { buildPageLinks, formatLinkHeader, type PageLinksInit } from './page-links.ts'
/** Reading a list request's page: size from the first request, cursor from a verified token. */
export { type PageRequest, type PageRequestOptions, readPageRequest } from './page-request.ts'
/** `page_size` with a default and a maximum. */
export { type PageSizeOptions, parsePageSize } from './page-size.ts'
/** Opaque page tokens: signed, expiring, bound to the API version, the filter and the list. */
export {
  createPageTokenCodec,
  type KeyValue,
  type PageContext,
  type PageCursor,
  type PageTokenCodec,
  type PageTokenContent,
  type PageTokenOptions,
} from './page-token.ts'
/** The filter part of a list query and its fingerprint. */
export { filterFingerprint, normaliseFilter, PAGE_PARAMETERS, type QueryInput } from './query.ts'
