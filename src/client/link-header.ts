/** One link of a `Link` header (RFC 8288): its target and relation types. */
export interface Link {
  readonly url: string
  readonly rels: readonly string[]
}

/**
 * Parses a `Link` header; targets may hold commas and semicolons, a `rel` may list several types,
 * and malformed parts are skipped rather than thrown on.
 *
 * @example
 * parseLinkHeader('<https://a.example/v2>; rel="successor-version"')
 * // [{ url: 'https://a.example/v2', rels: ['successor-version'] }]
 */
export function parseLinkHeader(header: string | null | undefined): Link[] {
  if (header === null || header === undefined) return []
  const links: Link[] = []
  let at = 0
  for (;;) {
    const open = header.indexOf('<', at)
    const close = open === -1 ? -1 : header.indexOf('>', open)
    if (close === -1) return links
    const end = _endOfParams(header, close + 1)
    const rel = /(?:^|;)\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(header.slice(close + 1, end))
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    if (rels.length > 0) links.push({ url: header.slice(open + 1, close), rels })
    at = end + 1
  }
}

/** The index of the comma that ends a link's parameters (commas inside quoted values do not). */
function _endOfParams(header: string, from: number): number {
  let quoted = false
  for (let i = from; i < header.length; i++) {
    const c = header[i]
    if (c === '"') quoted = !quoted
    else if (c === '\\' && quoted) i++
    else if (c === ',' && !quoted) return i
  }
  return header.length
}

/**
 * The target of the first link with a relation type, or `undefined`.
 *
 * @example
 * findLink(response.headers.get('link'), 'next') // 'https://api.example/clusters?page_token=...'
 */
export function findLink(header: string | null | undefined, rel: string): string | undefined {
  return parseLinkHeader(header).find((link) => link.rels.includes(rel))?.url
}
