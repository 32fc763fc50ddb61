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
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,]+?(?:=(?:"[^"]*"|[^;,]*))?)*)/g
  for (const match of header.matchAll(pattern)) {
    const params = match[2] ?? ''
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params)
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    if (rels.length > 0) links.push({ url: match[1] ?? '', rels })
  }
  return links
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
