import { describe, expect, test } from 'vitest'
import { defineApi } from '../api/index.ts'
import { fromHeader } from '../negotiate/index.ts'
import { defineVersions, integerScheme } from '../version/index.ts'
import { createRuntime, defineRoute } from './index.ts'

const api = defineApi({
  versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
  negotiation: { sources: [fromHeader('X-API-Version')], default: 'latest' },
})
const list = () => defineRoute({ method: 'GET', path: '/items', handler: () => [] })

describe('malformed routes', () => {
  test("path without a leading '/' -> STRATA_ERR_ROUTE_INVALID naming the route and the fix", () => {
    expect(() => defineRoute({ method: 'get', path: 'items/:id', handler: () => ({}) })).toThrow(
      "Route get items/:id: the path must start with '/' (e.g. '/assets/:id'). [STRATA_ERR_ROUTE_INVALID]",
    )
  })

  test('same method and path declared twice -> STRATA_ERR_ROUTE_INVALID when the runtime is created', () => {
    expect(() => createRuntime({ api, routes: [list(), list()] })).toThrow(
      'Route GET /items is declared twice; declare each method and path once. [STRATA_ERR_ROUTE_INVALID]',
    )
  })

  test('one declaration per method and path -> served', async () => {
    const runtime = createRuntime({ api, routes: [list()] })
    expect((await runtime.handle({ method: 'GET', url: '/items', headers: {} })).status).toBe(200)
  })
})
