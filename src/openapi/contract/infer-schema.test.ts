import { describe, expect, test } from 'vitest'
import { inferSchema } from './infer-schema.ts'
import { describePagination, paginationSentence } from './pagination.ts'

describe('inferSchema', () => {
  test('two samples, one with an extra member -> both properties, only the shared one required', () => {
    expect(inferSchema([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({
      type: 'object',
      properties: { a: { type: 'integer' }, b: { type: 'string' } },
      required: ['a'],
    })
  })

  test('integers and fractions -> number; arrays -> items from every element', () => {
    expect(inferSchema([1, 1.5])).toEqual({ type: 'number' })
    expect(inferSchema([[{ f: 'x' }], []])).toEqual({
      type: 'array',
      items: { type: 'object', properties: { f: { type: 'string' } }, required: ['f'] },
    })
  })
})

describe('describePagination', () => {
  const list = {
    type: 'object',
    properties: { items: { type: 'array' }, nextCursor: { type: 'string' } },
  }
  const same = (s: unknown) => s as Record<string, unknown> | undefined

  test('limit and cursor parameters, items array and nextCursor -> all four located', () => {
    const doc = describePagination(['limit', 'cursor', 'parentId'], list, same)
    expect(doc).toEqual({ size: 'limit', token: 'cursor', items: '/items', next: '/nextCursor' })
    expect(paginationSentence(doc!)).toBe(
      "Paginated: the page's items are at `items`; `limit` sets the page size; pass `nextCursor` of one page as `cursor` to get the next; the last page has no `nextCursor`.",
    )
  })

  test('Confluent list: page_size, page_token, data array and metadata.next -> next at /metadata/next', () => {
    const confluent = {
      type: 'object',
      properties: { data: { type: 'array' }, metadata: { type: 'object', properties: { next: { type: 'string' } } } },
    }
    expect(describePagination(['page_size', 'page_token'], confluent, same)).toEqual({
      size: 'page_size',
      token: 'page_token',
      items: '/data',
      next: '/metadata/next',
    })
  })

  test('no page parameter, or no array in the body -> not a list', () => {
    expect(describePagination(['parentId'], list, same)).toBeUndefined()
    expect(describePagination(['limit'], { type: 'object', properties: {} }, same)).toBeUndefined()
  })
})
