import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import { parsePageSize } from './index.ts'

function problemOf(fn: () => unknown): HttpProblem {
  try {
    fn()
  } catch (err) {
    if (err instanceof HttpProblem) return err
    throw err
  }
  throw new Error('expected an HttpProblem')
}

describe('parsePageSize', () => {
  test('page_size: absent -> the default', () => {
    expect(parsePageSize({}, { default: 25, max: 100 })).toBe(25)
    expect(parsePageSize({ page_size: [] })).toBe(10)
  })

  test('page_size: within range -> that size', () => {
    expect(parsePageSize({ page_size: '7' })).toBe(7)
    expect(parsePageSize({ page_size: ['42'] })).toBe(42)
  })

  test('page_size: above the maximum, even astronomically -> coerced to the maximum', () => {
    expect(parsePageSize({ page_size: '101' }, { max: 100 })).toBe(100)
    expect(parsePageSize({ page_size: '99999999999999999999999' }, { max: 100 })).toBe(100)
  })

  test.each(['abc', '0', '-1', '1.5', '1e3', '', ' ', '0x10', '٣'])(
    'page_size: %j -> 400 VALIDATION_FAILED naming page_size',
    (raw) => {
      const problem = problemOf(() => parsePageSize({ page_size: raw }, { max: 50 }))
      expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
      expect(problem.message).toBe('The page_size parameter must be a whole number from 1 to 50')
      expect(problem.fields).toEqual([
        { field: 'page_size', message: 'must be a whole number from 1 to 50', reason: 'type' },
      ])
      expect(problem.suggestion).toBe('Send page_size as a whole number from 1 to 50, or leave it out to get 10 items')
    },
  )

  test('page_size: given twice -> 400 VALIDATION_FAILED, reason repeated', () => {
    const problem = problemOf(() => parsePageSize({ page_size: ['5', '6'] }))
    expect(problem.fields?.[0]).toMatchObject({ field: 'page_size', reason: 'repeated' })
  })

  test('page size options: default above maximum or maximum 0 -> STRATA_ERR_PAGINATION_INVALID_PAGE_SIZE', () => {
    expect(() => parsePageSize({}, { default: 200, max: 100 })).toThrow(/no larger than the maximum 100/)
    expect(() => parsePageSize({}, { max: 0 })).toThrow(/not a positive integer/)
    expect(() => parsePageSize({}, { max: 0 })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PAGINATION_INVALID_PAGE_SIZE' }),
    )
  })
})
