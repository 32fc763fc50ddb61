/** The parts of an HTTP request negotiation reads, independent of any framework. */
export interface RequestView {
  readonly method: string
  /** The path without the query string, e.g. `/api/v1/assets/7`. */
  readonly path: string
  /** The raw query string without `?`, or `''`. */
  readonly query: string
  /**
   * The path as the client sent it, when the adapter rewrote it before routing (a legacy path form
   * such as `/api/v7.5/snapshots` served at `/api/snapshots`); absent otherwise.
   */
  readonly originalPath?: string
  /** Lower-cased header names, as Node.js gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  /** Who is calling, once authentication has run; used by pins and early-access grants. */
  readonly principal?: unknown
}

/**
 * Splits a request URL into the path and query parts of a {@link RequestView}.
 *
 * @example
 * splitUrl('/api/v1/assets?limit=2') // { path: '/api/v1/assets', query: 'limit=2' }
 */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?')
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) }
}
