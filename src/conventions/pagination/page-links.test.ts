import { describe, expect, test } from 'vitest'
import { buildPageLinks, createPageTokenCodec, formatLinkHeader, type PageContext } from './index.ts'

const tokens = createPageTokenCodec({
  secret: 'links-test-secret-of-at-least-32-bytes',
  now: () => Date.UTC(2025, 0, 1),
})
const context: PageContext = { apiVersion: 'org/v2', route: 'environments', query: { display_name: 'prod env' } }
const url = 'https://api.example.com/org/v2/environments?display_name=prod+env&page_size=2&page_token=OLD'

describe('buildPageLinks', () => {
  test('middle page: next and prev cursors -> four links, filter kept, old page params replaced', () => {
    const links = buildPageLinks({
      url,
      tokens,
      context,
      pageSize: 2,
      next: { direction: 'after', keys: ['env-4'] },
      prev: { direction: 'before', keys: ['env-3'] },
    })
    expect(Object.keys(links)).toEqual(['first', 'last', 'prev', 'next'])
    expect(links.first).toBe('https://api.example.com/org/v2/environments?display_name=prod+env&page_size=2')
    for (const rel of ['last', 'prev', 'next'] as const) {
      const target = new URL(links[rel] as string)
      expect(target.searchParams.get('display_name')).toBe('prod env')
      expect(target.searchParams.has('page_size')).toBe(false)
      expect(target.searchParams.getAll('page_token')).toHaveLength(1)
    }
    const next = new URL(links.next as string).searchParams.get('page_token') as string
    expect(tokens.verify(next, context)).toEqual({ cursor: { direction: 'after', keys: ['env-4'] }, pageSize: 2 })
    const last = new URL(links.last as string).searchParams.get('page_token') as string
    expect(tokens.verify(last, context).cursor).toEqual({ direction: 'before', keys: null })
  })

  test('last: false and no neighbours -> only first', () => {
    expect(Object.keys(buildPageLinks({ url, tokens, context, pageSize: 2, last: false }))).toEqual(['first'])
  })
})

describe('formatLinkHeader', () => {
  test('Link header: links present -> RFC 8288 targets with quoted rel, in first/prev/next/last order', () => {
    expect(
      formatLinkHeader({ next: 'https://a.example/x?page_token=N', first: 'https://a.example/x', last: undefined }),
    ).toBe('<https://a.example/x>; rel="first", <https://a.example/x?page_token=N>; rel="next"')
  })

  test('Link header: no links -> empty string', () => {
    expect(formatLinkHeader({})).toBe('')
  })

  test('Link header: target with ">" or a space -> STRATA_ERR_PAGINATION_INVALID_LINK asking to encode it', () => {
    expect(() => formatLinkHeader({ next: 'https://a.example/x>y' })).toThrow(/encode it/)
    expect(() => formatLinkHeader({ prev: 'https://a.example/x y' })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PAGINATION_INVALID_LINK' }),
    )
  })
})
