import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import {
  buildPageLinks,
  createPageTokenCodec,
  type KeysetPage,
  keysetSql,
  type PageContext,
  readPageRequest,
  type SortColumn,
  sliceKeysetPage,
} from './index.ts'

interface Row {
  id: string
  created_at: string
  region: string
}

const tokens = createPageTokenCodec({ secret: 'keyset-test-secret-of-at-least-32-bytes' })
let dir: string
let db: Database.Database

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'strata-keyset-'))
  db = new Database(join(dir, 'list.sqlite'))
  db.exec('CREATE TABLE clusters (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, region TEXT NOT NULL)')
})

afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

function fill(rows: readonly Row[]) {
  db.exec('DELETE FROM clusters')
  const insert = db.prepare('INSERT INTO clusters (id, created_at, region) VALUES (?, ?, ?)')
  db.transaction(() => {
    for (const row of rows) insert.run(row.id, row.created_at, row.region)
  })()
}

/** One list request as a handler would serve it, from its URL. */
function listPage(url: string, columns: readonly SortColumn[]): KeysetPage<Row> & { links: Record<string, string> } {
  const parsed = new URL(url)
  const query: Record<string, string[]> = {}
  for (const [name, value] of parsed.searchParams) query[name] = [...(query[name] ?? []), value]
  const context: PageContext = { apiVersion: 'cmk/v2', route: 'clusters', query }
  const request = readPageRequest(context, { tokens, pageSize: { default: 3, max: 20 } })
  const k = keysetSql({ columns, cursor: request.cursor, placeholder: 'question' })
  const region = query.region?.[0]
  const rows = db
    .prepare(`SELECT * FROM clusters WHERE (? IS NULL OR region = ?) AND ${k.where} ORDER BY ${k.orderBy} LIMIT ?`)
    .all(region ?? null, region ?? null, ...k.params, request.pageSize + 1) as Row[]
  const page = sliceKeysetPage(rows, request, (row) => columns.map((c) => row[c.column as keyof Row]))
  const links = buildPageLinks({ url, tokens, context, pageSize: request.pageSize, next: page.next, prev: page.prev })
  return { ...page, links: links as Record<string, string> }
}

function walk(start: string, columns: readonly SortColumn[], rel: 'next' | 'prev'): Row[][] {
  const pages: Row[][] = []
  let url: string | undefined = start
  while (url !== undefined && pages.length < 500) {
    const page = listPage(url, columns)
    pages.push(page.items)
    url = page.links[rel]
  }
  return pages
}

function sorted(columns: readonly SortColumn[]): Row[] {
  const ordered = db.prepare(
    `SELECT * FROM clusters ORDER BY ${keysetSql({ columns, cursor: undefined, placeholder: 'question' }).orderBy}`,
  )
  return ordered.all() as Row[]
}

const rows: Row[] = Array.from({ length: 23 }, (_, i) => ({
  id: `lkc-${String(i).padStart(3, '0')}`,
  created_at: `2025-01-0${(i % 4) + 1}T00:00:00Z`, // many ties, so the id must break them
  region: i % 2 === 0 ? 'us-east-1' : 'eu-west-1',
}))

describe('keyset pagination over a SQLite file', () => {
  const byCreated: SortColumn[] = [{ column: 'created_at' }, { column: 'id' }]
  const mixed: SortColumn[] = [
    { column: 'created_at', order: 'desc' },
    { column: 'id', order: 'asc' },
  ]

  test('following next: 23 rows, ties in created_at, page size 3 -> every row once, in sort order', () => {
    fill(rows)
    const pages = walk('https://api.example.com/cmk/v2/clusters', byCreated, 'next')
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 2])
    expect(pages.flat()).toEqual(sorted(byCreated))
  })

  test('following prev from the last link: mixed desc/asc sort -> same pages backwards', () => {
    fill(rows)
    const forward = walk('https://api.example.com/cmk/v2/clusters?page_size=5', mixed, 'next')
    const last = listPage('https://api.example.com/cmk/v2/clusters?page_size=5', mixed).links.last
    const backward = walk(last as string, mixed, 'prev')
    expect(forward.flat()).toEqual(sorted(mixed))
    expect(backward.flat().length).toBe(rows.length)
    expect(backward.reverse().flat()).toEqual(forward.flat())
  })

  test('filter kept in links: region=eu-west-1 -> only that region, token bound to it', () => {
    fill(rows)
    const pages = walk('https://api.example.com/cmk/v2/clusters?region=eu-west-1&page_size=4', byCreated, 'next')
    expect(pages.flat().every((r) => r.region === 'eu-west-1')).toBe(true)
    expect(pages.flat().length).toBe(11)
    const next = listPage('https://api.example.com/cmk/v2/clusters?region=eu-west-1', byCreated).links.next as string
    const tampered = next.replace('region=eu-west-1', 'region=us-east-1')
    expect(() => listPage(tampered, byCreated)).toThrow(HttpProblem)
  })

  test('first page: prev absent, first and last present; last page: next absent', () => {
    fill(rows)
    const first = listPage('https://api.example.com/cmk/v2/clusters?page_size=20', byCreated)
    expect(first.links.prev).toBeUndefined()
    expect(first.links.first).toBe('https://api.example.com/cmk/v2/clusters?page_size=20')
    const second = listPage(first.links.next as string, byCreated)
    expect(second.items.length).toBe(3)
    expect(second.links.next).toBeUndefined()
    expect(second.links.prev).toBeDefined()
  })

  test('empty table -> empty page, no next or prev', () => {
    fill([])
    const page = listPage('https://api.example.com/cmk/v2/clusters', byCreated)
    expect(page.items).toEqual([])
    expect(page.links.next).toBeUndefined()
  })

  test('property: any rows, any page size, any sort directions -> forward walk yields ORDER BY exactly', () => {
    const rowArb = fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        created_at: fc.constantFrom('2025-01-01', '2025-01-02', '2025-01-03'),
        region: fc.constantFrom('us-east-1', 'eu-west-1'),
      }),
      { selector: (r) => r.id, maxLength: 40 },
    )
    fc.assert(
      fc.property(
        rowArb,
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        (data, size, o1, o2) => {
          fill(data)
          const columns: SortColumn[] = [
            { column: 'created_at', order: o1 },
            { column: 'id', order: o2 },
          ]
          const start = `https://api.example.com/cmk/v2/clusters?page_size=${size}`
          expect(walk(start, columns, 'next').flat()).toEqual(sorted(columns))
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('keysetSql fragments', () => {
  const after = { direction: 'after', keys: ['2025-01-01', 'lkc-1'] } as const

  test('same directions, ? placeholders -> row-value comparison', () => {
    expect(
      keysetSql({ columns: [{ column: 'created_at' }, { column: 'id' }], cursor: after, placeholder: 'question' }),
    ).toEqual({
      where: '("created_at", "id") > (?, ?)',
      orderBy: '"created_at" ASC, "id" ASC',
      params: ['2025-01-01', 'lkc-1'],
    })
  })

  test('mixed directions, $n placeholders after 2 existing params -> expanded OR form from $3', () => {
    const k = keysetSql({
      columns: [{ column: 'c.created_at', order: 'desc' }, { column: 'c.id' }],
      cursor: after,
      placeholder: 'dollar',
      paramOffset: 2,
    })
    expect(k.where).toBe('(("c"."created_at" < $3) OR ("c"."created_at" = $4 AND "c"."id" > $5))')
    expect(k.params).toEqual(['2025-01-01', '2025-01-01', 'lkc-1'])
    expect(k.orderBy).toBe('"c"."created_at" DESC, "c"."id" ASC')
  })

  test('backward cursor -> comparisons and ORDER BY reversed', () => {
    const k = keysetSql({
      columns: [{ column: 'id' }],
      cursor: { direction: 'before', keys: ['x'] },
      placeholder: 'dollar',
    })
    expect(k).toEqual({ where: '"id" < $1', orderBy: '"id" DESC', params: ['x'] })
  })

  test('column name with SQL in it -> STRATA_ERR_PAGINATION_INVALID_SORT, nothing interpolated', () => {
    expect(() =>
      keysetSql({ columns: [{ column: 'id; DROP TABLE x' }], cursor: after, placeholder: 'question' }),
    ).toThrow(/not a plain SQL identifier.*\[STRATA_ERR_PAGINATION_INVALID_SORT\]/)
  })

  test('no sort column -> STRATA_ERR_PAGINATION_INVALID_SORT', () => {
    expect(() => keysetSql({ columns: [], cursor: after, placeholder: 'question' })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PAGINATION_INVALID_SORT' }),
    )
  })

  test('cursor holding NULL for a sort column -> STRATA_ERR_PAGINATION_NULL_SORT_KEY naming the column', () => {
    const nullKey = { direction: 'after', keys: [null, 'lkc-1'] } as const
    expect(() =>
      keysetSql({ columns: [{ column: 'created_at' }, { column: 'id' }], cursor: nullKey, placeholder: 'question' }),
    ).toThrow(/Sort column created_at is NULL.*\[STRATA_ERR_PAGINATION_NULL_SORT_KEY\]/)
  })

  test('cursor with fewer keys than sort columns (sort changed since issue) -> 400 naming page_token', () => {
    let caught: unknown
    try {
      keysetSql({ columns: [{ column: 'id' }], cursor: after, placeholder: 'question' })
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(HttpProblem)
    expect((caught as HttpProblem).fields?.[0]).toMatchObject({ field: 'page_token', reason: 'sort_mismatch' })
  })
})
