import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkExchange, loadContracts, type RecordedExchange } from '../helpers/contract-conformance.ts'
import { type RunningExample, startExample } from './start-example.ts'

// The conformance check every end-to-end suite runs on stop(): real answers conform, and the same
// answers with one drift each (a field gone, a header in another form, an undeclared status) fail.

const NOW = '2026-12-01T00:00:00Z'

describe('contract conformance of recorded exchanges', () => {
  let calendar: RunningExample
  let inventory: RunningExample
  beforeAll(async () => {
    ;[calendar, inventory] = await Promise.all([
      startExample('calendar', { STRATA_NOW: NOW }),
      startExample('per-endpoint', { STRATA_NOW: NOW }),
    ])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([calendar?.stop(), inventory?.stop()])
  })

  const last = (example: RunningExample): RecordedExchange => example.exchanges.at(-1)!
  const calendarContracts = () => loadContracts('examples/calendar/contracts')
  const inventoryContracts = () => loadContracts('examples/per-endpoint/contracts')
  const inventoryOptions = { rewrite: (p: string) => p.replace(/^\/api\/v7\.\d+(?=\/)/, '/api') }

  test('calendar asset at 20240601, as served -> recorded, conforms; without title -> drift naming title', async () => {
    const created = await fetch(`${calendar.url}/api/v1/assets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cdf-version': '20240601' },
      body: JSON.stringify({ title: 'pump' }),
    })
    const { id } = (await created.json()) as { id: number }
    await fetch(`${calendar.url}/api/v1/assets/${id}`, { headers: { 'cdf-version': '20240601' } })
    const served = last(calendar)
    expect([served.method, served.status]).toEqual(['GET', 200])
    expect(checkExchange(calendarContracts(), served)).toEqual([])
    const body = JSON.parse(served.body)
    delete body.title
    const drifts = checkExchange(calendarContracts(), { ...served, body: JSON.stringify(body) })
    expect(drifts).toHaveLength(1)
    expect(drifts[0]).toMatch(/body does not match api\/20240601: .*title/)
  })

  test('calendar answer without X-Request-Id -> drift naming the missing declared header', async () => {
    await fetch(`${calendar.url}/api/v1/assets`, { headers: { 'cdf-version': '20240601' } })
    const { 'x-request-id': _, ...headers } = last(calendar).headers
    expect(checkExchange(calendarContracts(), { ...last(calendar), headers })).toEqual([
      expect.stringContaining('declared header X-Request-Id is missing'),
    ])
  })

  test('calendar GET answered 201 (a status the contract does not declare) -> drift naming the status', async () => {
    await fetch(`${calendar.url}/api/v1/assets`, { headers: { 'cdf-version': '20240601' } })
    expect(checkExchange(calendarContracts(), { ...last(calendar), status: 201 })).toEqual([
      expect.stringContaining('status 201 is not declared by api/20240601'),
    ])
  })

  test('IP Fabric deprecated devices v2 -> conforms; its Deprecation in the RFC 9745 form -> drift', async () => {
    await fetch(`${inventory.url}/api/devices`, { headers: { 'x-api-version': '2' } })
    const served = last(inventory)
    expect(served.headers.deprecation).toBe('true')
    expect(checkExchange(inventoryContracts(), served, inventoryOptions)).toEqual([])
    const rfc9745 = { ...served, headers: { ...served.headers, deprecation: '@1788220800' } }
    expect(checkExchange(inventoryContracts(), rfc9745, inventoryOptions)).toEqual([
      expect.stringContaining('header Deprecation: "@1788220800"'),
    ])
    const httpDate = { ...served, headers: { ...served.headers, sunset: 'Wed, 01 Sep 2027 00:00:00 GMT' } }
    expect(checkExchange(inventoryContracts(), httpDate, inventoryOptions)).toEqual([
      expect.stringContaining('header Sunset'),
    ])
  })

  test('IP Fabric 410 refusal -> conforms (the seed body is a declared error); a 200 on a path no contract has -> drift', async () => {
    await fetch(`${inventory.url}/api/devices`, { headers: { 'x-api-version': 'abc' } })
    const refused = last(inventory)
    expect(refused.status).toBe(410)
    expect(checkExchange(inventoryContracts(), refused, inventoryOptions)).toEqual([])
    await fetch(`${inventory.url}/api/nowhere`)
    const missing = last(inventory)
    expect(checkExchange(inventoryContracts(), missing, inventoryOptions)).toEqual([])
    expect(checkExchange(inventoryContracts(), { ...missing, status: 200 }, inventoryOptions)).toEqual([
      expect.stringContaining('no contract declares this operation'),
    ])
  })
})
