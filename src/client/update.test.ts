import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { createClient } from './create-client.ts'
import { mergeChanges } from './merge-changes.ts'
import type { OpenEnum } from './typed-paths.ts'

// The "chaos fields" test: a server that adds fields and enum values this client has never heard of
// to every object of every response. Nothing may throw, and a read-modify-write must send every one
// of them back untouched (MUST IGNORE on read, MUST FORWARD on write).

type Json = Record<string, unknown>
interface Cluster {
  id: string
  spec: { display_name: string; cloud: OpenEnum<'AWS' | 'GCP' | 'AZURE'> }
  status: { phase: OpenEnum<'PROVISIONING' | 'RUNNING'> }
}

/** Adds the extra fields to every object, at every depth. */
function withChaos(value: unknown, extra: Json): unknown {
  if (Array.isArray(value)) return value.map((v) => withChaos(v, extra))
  if (typeof value !== 'object' || value === null) return value
  const out: Json = {}
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, { value: withChaos(v, extra), enumerable: true, writable: true, configurable: true })
  for (const [k, v] of Object.entries(extra)) {
    if (!Object.hasOwn(out, `x_${k}`)) Object.defineProperty(out, `x_${k}`, { value: v, enumerable: true })
  }
  return out
}

let server: ScriptedServer
let extra: Json = {}
const stored = (): Cluster => ({
  id: 'lkc-1',
  spec: { display_name: 'orders', cloud: 'ORACLE_FUTURE' },
  status: { phase: 'HIBERNATING' },
})
beforeAll(async () => {
  server = await startScriptedServer((req, res) => {
    if (req.url.startsWith('/clusters?')) {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page') ?? 0)
      const next = page < 2 ? { next: `/clusters?page=${page + 1}` } : {}
      return sendJson(res, 200, withChaos({ metadata: next, data: [stored(), stored()] }, extra))
    }
    if (req.method === 'GET') return sendJson(res, 200, withChaos(stored(), extra), { etag: '"v7"' })
    if (req.method === 'PUT') return sendJson(res, 200, withChaos(req.json, extra))
    sendJson(res, 422, withChaos({ status: '422', error: { code: 'VALIDATION_FAILED', message: 'No' } }, extra))
  })
})
afterAll(() => server.close())

describe('chaos fields', () => {
  test('unknown fields and enum values in every response -> update keeps all of them, changes one field, sends If-Match', async () => {
    const client = createClient({ baseUrl: server.url })
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
        async (fields) => {
          extra = fields
          const before = server.requests.length
          const res = await client.update('/clusters/{id}', () => ({ spec: { display_name: 'orders-2' } }), {
            params: { id: 'lkc-1' },
          })
          const [read, write] = server.requests.slice(before)
          const expected = withChaos(stored(), fields) as { spec: Json }
          expected.spec.display_name = 'orders-2'
          expect(write?.method).toBe('PUT')
          expect(write?.headers['if-match']).toBe('"v7"')
          expect(write?.json).toEqual(JSON.parse(JSON.stringify(expected)))
          expect(read?.json).toBeUndefined()
          expect(res.status).toBe(200)
        },
      ),
      { numRuns: 30 },
    )
  })

  test('editing the draft in place (no return) -> the edit and every unknown field written back', async () => {
    extra = { future: { deeply: ['nested', 1] } }
    const client = createClient({ baseUrl: server.url })
    const before = server.requests.length
    await client.update(
      '/clusters/lkc-1',
      (draft) => {
        ;(draft as Cluster).status.phase = 'RUNNING'
        return undefined
      },
      { method: 'PUT' },
    )
    const written = server.requests[before + 1]?.json as Cluster & Json
    expect(written.status).toEqual({ phase: 'RUNNING', x_future: { deeply: ['nested', 1] } })
    expect(written.spec.cloud).toBe('ORACLE_FUTURE')
  })

  test('paginate and errors with chaos fields -> every item arrives, the error still parses', async () => {
    extra = { surprise: 1, phase: 'NEW_PHASE' }
    const client = createClient({ baseUrl: server.url })
    const items: Cluster[] = []
    for await (const item of client.paginate('/clusters', { query: { page: 0 } })) items.push(item as Cluster)
    expect(items).toHaveLength(6)
    expect(items.every((c) => c.status.phase === 'HIBERNATING' && (c as unknown as Json).x_surprise === 1)).toBe(true)
    await expect(client.post('/clusters', { body: {} })).rejects.toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
    })
  })
})

describe('mergeChanges', () => {
  test('nested objects merge, arrays replace, unknown keys (even __proto__) stay data', () => {
    const resource = JSON.parse('{"a":{"b":1,"c":[1,2]},"__proto__":{"x":1},"keep":true}')
    const merged = mergeChanges(resource, JSON.parse('{"a":{"c":[3]},"__proto__":{"y":2}}')) as Json
    expect(JSON.stringify(merged)).toBe('{"a":{"b":1,"c":[3]},"__proto__":{"x":1,"y":2},"keep":true}')
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
  })
})
