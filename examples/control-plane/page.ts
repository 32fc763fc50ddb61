import type { FastifyReply, FastifyRequest } from 'fastify'
import { type RawBuilder, sql } from 'kysely'
import {
  buildPageLinks,
  formatLinkHeader,
  type KeysetPage,
  type KeyValue,
  keysetSql,
  type ListLinks,
  type PageContext,
  type PageTokenCodec,
  readPageRequest,
  sliceKeysetPage,
} from 'strata'
import type { Db, Tables } from './db.ts'

/** What every list handler needs besides its table: the token codec and the public address. */
export interface ListEnv {
  readonly db: Db
  readonly tokens: PageTokenCodec
  readonly baseUrl: (request: FastifyRequest) => string
}

type _Row = { id: string; created_at: string }

/** The page of rows a list request asked for, with its links (also sent as a `Link` header) and the total. */
export interface ListResult<Row> {
  readonly items: Row[]
  readonly links: ListLinks
  readonly totalSize: number
}

/**
 * Serves one keyset page of a table, newest last, ordered by `(created_at, id)`: reads
 * `page_size`/`page_token` (the token is bound to the group version, the list and its filter),
 * counts the whole filtered collection, and writes `Link` with first/last/prev/next.
 *
 * @example
 * const page = await listPage(env, req, reply, 'environments', { org_id: orgId }, {})
 */
export async function listPage<T extends keyof Tables>(
  env: ListEnv,
  request: FastifyRequest,
  reply: FastifyReply,
  table: T,
  where: Readonly<Record<string, string>>,
  filter: Readonly<Record<string, string>>,
): Promise<ListResult<Tables[T]>> {
  const path = request.url.split('?')[0] ?? '/'
  const group = path.split('/')[1] ?? ''
  const context: PageContext = {
    apiVersion: `${group}/${request.strata.label}`,
    // Only the filters the list understands bind the token; unknown parameters are ignored (MUST IGNORE).
    query: filter,
    route: `GET ${request.routeOptions.url}`,
    // A token handed to one caller is refused to every other (400), even in the same organization.
    ...(request.principal !== undefined ? { principal: request.principal.id } : {}),
  }
  const query = request.query as Record<string, string | undefined>
  const page = readPageRequest(
    { ...context, query: { ...filter, page_token: query.page_token, page_size: query.page_size } },
    { tokens: env.tokens },
  )
  const conditions = sql.join(
    Object.entries(where).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql` AND `,
  )
  const keyset = keysetSql({
    columns: [{ column: 'created_at' }, { column: 'id' }],
    cursor: page.cursor,
    placeholder: 'question',
  })
  const { rows } = await sql<Tables[T] & _Row>`SELECT * FROM ${sql.table(table)} WHERE ${conditions} AND ${_bind(
    keyset.where,
    keyset.params,
  )} ORDER BY ${sql.raw(keyset.orderBy)} LIMIT ${page.pageSize + 1}`.execute(env.db)
  const counted = await sql<{
    n: number | string
  }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${conditions}`.execute(env.db)
  const sliced: KeysetPage<Tables[T] & _Row> = sliceKeysetPage(rows, page, (row) => [row.created_at, row.id])
  const links = buildPageLinks({
    url: `${env.baseUrl(request)}${request.url}`,
    tokens: env.tokens,
    context,
    pageSize: page.pageSize,
    next: sliced.next,
    prev: sliced.prev,
  })
  // The deprecation Link of an old generation is already set; page links join it.
  const existing = reply.getHeader('link')
  const pageLinks = formatLinkHeader(links)
  reply.header('Link', typeof existing === 'string' && existing !== '' ? `${existing}, ${pageLinks}` : pageLinks)
  return { items: sliced.items, links, totalSize: Number(counted.rows[0]?.n ?? 0) }
}

/** Turns a `?`-placeholder fragment into a kysely expression, so each dialect gets its own placeholders. */
function _bind(fragment: string, params: readonly KeyValue[]): RawBuilder<unknown> {
  const parts = fragment.split('?')
  const pieces: RawBuilder<unknown>[] = []
  parts.forEach((part, i) => {
    pieces.push(sql.raw(part))
    if (i < params.length) pieces.push(sql`${params[i] ?? null}`)
  })
  return sql.join(pieces, sql.raw(''))
}
