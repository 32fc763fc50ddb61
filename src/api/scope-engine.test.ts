import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../conventions/error/index.ts'
import { fromHeader, type RequestView } from '../negotiate/index.ts'
import { defineVersions, integerScheme } from '../version/index.ts'
import { createScopeEngine, type ResponseHeaderOptions } from './scope-engine.ts'

const versions = defineVersions({
  scheme: integerScheme(),
  versions: [{ id: '1', deprecated: '2025-07-01', sunset: '2026-02-01' }, { id: '2' }, { id: '3' }],
})
const now = new Date('2026-03-01T00:00:00Z')
const view = (version?: string): RequestView => ({
  method: 'GET',
  path: '/api/devices',
  query: '',
  headers: version === undefined ? {} : { 'x-api-version': version },
})
const engine = (headers: ResponseHeaderOptions) =>
  createScopeEngine(
    { versions, sources: [fromHeader('X-API-Version')], default: 'oldest', statuses: { VERSION_MALFORMED: 410 } },
    headers,
    {},
  )

describe('scope engine: response headers', () => {
  test('default separator -> supported versions joined by ", "', () => {
    expect(engine({}).admit(view('2'), now).headers['x-api-versions-supported']).toBe('2, 3')
  })

  test("separator ',' (IP Fabric) -> 2,3", () => {
    expect(engine({ separator: ',' }).admit(view('2'), now).headers['x-api-versions-supported']).toBe('2,3')
  })

  test('refusal by default -> no used-version header', () => {
    const a = engine({}).admit(view('abc'), now)
    expect([a.ok, a.headers['x-api-version-used'], a.headers['x-api-versions-supported']]).toEqual([
      false,
      undefined,
      '2, 3',
    ])
  })

  test("usedOnRefusal 'latest' -> malformed, unknown and sunset requests say the newest version was used", () => {
    const e = engine({ usedOnRefusal: 'latest', used: 'X-API-Version-Used', fixed: { 'X-Product-Version': 'v7.5' } })
    for (const asked of ['abc', '9', '1']) {
      const a = e.admit(view(asked), now)
      expect([a.ok, a.headers['X-API-Version-Used'], a.headers['X-Product-Version']]).toEqual([false, '3', 'v7.5'])
    }
  })

  test("usedOnRefusal 'latest' with the used header turned off -> still no used header", () => {
    const a = engine({ usedOnRefusal: 'latest', used: false }).admit(view('abc'), now)
    expect(Object.keys(a.headers)).toEqual(['x-api-versions-supported'])
  })

  test('refuse(problem) -> a refusal carrying the refusal headers', () => {
    const problem = new HttpProblem({ status: 410, code: 'VERSION_SUNSET', message: 'gone' })
    const a = engine({ usedOnRefusal: 'latest', separator: ',' }).refuse(problem, now)
    expect(a).toEqual({
      ok: false,
      problem,
      headers: { 'x-api-versions-supported': '2,3', 'x-api-version-used': '3' },
    })
  })
})
