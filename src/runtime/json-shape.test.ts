import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../conventions/error/index.ts'
import { checkJsonShape } from './json-shape.ts'
import { parseJsonBody } from './request-body.ts'
import { checkRequestTarget, DEFAULT_REQUEST_LIMITS, resolveRequestLimits } from './request-limits.ts'

const limits = { maxJsonDepth: 4, maxJsonArrayLength: 3 }
const refusal = (fn: () => unknown): { status: number; code: string; message: string } | undefined => {
  try {
    fn()
    return undefined
  } catch (error) {
    // Anything but an HttpProblem is reported as such and fails the caller's toMatchObject.
    if (!(error instanceof HttpProblem)) return { status: 0, code: 'NOT_AN_HTTP_PROBLEM', message: String(error) }
    return { status: error.status, code: error.code, message: error.message }
  }
}

describe('checkJsonShape', () => {
  test('nesting at the depth limit -> accepted; one level deeper -> 413 naming the limit', () => {
    expect(refusal(() => checkJsonShape('[[[{"a":1}]]]', limits))).toBeUndefined()
    expect(refusal(() => checkJsonShape('[[[{"a":[1]}]]]', limits))).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body nests arrays and objects deeper than 4 levels',
    })
  })

  test('array at the length limit -> accepted; one item more, at any depth -> 413', () => {
    expect(refusal(() => checkJsonShape('[1,2,3]', limits))).toBeUndefined()
    expect(refusal(() => checkJsonShape('{"a":[[1],[2],[3],[4]]}', limits))?.status).toBe(413)
    expect(refusal(() => checkJsonShape('[[],[],[],[]]', limits))?.status).toBe(413)
  })

  test('brackets, commas and quotes inside strings -> not counted', () => {
    expect(refusal(() => checkJsonShape('["[[[[[,,,,", "\\"]]]]"]', limits))).toBeUndefined()
  })

  test('one key twice, also when one spelling is escaped -> 400 naming it; same key in sibling objects -> accepted', () => {
    expect(refusal(() => checkJsonShape('{"a":1,"a":2}', limits))).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
    })
    expect(refusal(() => checkJsonShape('{"ab":1,"\\u0061b":2}', limits))?.message).toContain('"ab"')
    expect(refusal(() => checkJsonShape('[{"a":1},{"a":2}]', limits))).toBeUndefined()
    expect(refusal(() => checkJsonShape('{"a":{"a":{"b":1}},"b":"a"}', limits))).toBeUndefined()
  })

  test('property: any JSON value within the limits -> accepted, and parsed as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value)
        expect(() => checkJsonShape(text, DEFAULT_REQUEST_LIMITS)).not.toThrow()
        expect(parseJsonBody(text, 'application/json', 1e9)).toEqual(JSON.parse(text))
      }),
      { numRuns: 200, seed: 20261205 },
    )
  })
})

describe('parseJsonBody', () => {
  test('bytes that are not UTF-8 -> 400 "not valid UTF-8", never U+FFFD stored', () => {
    const raw = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])
    expect(refusal(() => parseJsonBody(raw, 'application/json', 1024))).toMatchObject({
      status: 400,
      message: 'The request body is not valid UTF-8',
    })
  })

  test('100 000 nested arrays -> 413 before the parser recurses', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(refusal(() => parseJsonBody(deep, 'application/json', 1e9))?.status).toBe(413)
  })
})

describe('checkRequestTarget', () => {
  const at = resolveRequestLimits({ maxUrlLength: 32 })
  test('URL at the limit -> accepted; one byte longer -> 414 URI_TOO_LONG', () => {
    expect(checkRequestTarget(`/${'a'.repeat(31)}`, at)).toBeUndefined()
    expect(checkRequestTarget(`/${'a'.repeat(32)}`, at)).toMatchObject({ status: 414, code: 'URI_TOO_LONG' })
  })

  test('path with invalid percent-encoding -> 400; the same bytes in the query -> left to the route', () => {
    expect(checkRequestTarget('/a/%zz', at)).toMatchObject({ status: 400, code: 'INVALID_REQUEST' })
    expect(checkRequestTarget('/a/%C0%AF', at)?.status).toBe(400)
    expect(checkRequestTarget('/a?q=%zz', at)).toBeUndefined()
  })

  test('a limit that is not a positive integer -> STRATA_ERR_LIMIT_INVALID naming it and its default', () => {
    expect(() => resolveRequestLimits({ maxJsonDepth: 0 })).toThrow(
      /maxJsonDepth is 0; use a positive integer \(default 64\)/,
    )
    let code: unknown
    try {
      resolveRequestLimits({ maxUrlLength: 1.5 })
    } catch (error) {
      code = (error as { code?: unknown }).code
    }
    expect(code).toBe('STRATA_ERR_LIMIT_INVALID')
  })
})
