import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRuntime } from 'strata'
import { afterEach, describe, expect, test } from 'vitest'
import { USAGE_NOW, usageTestApi } from '../../test/helpers/usage-api.ts'
import { createUsageRecorder, OVERFLOW, openUsageStore, type UsageRecorder } from './index.ts'

const dirs: string[] = []
const open: UsageRecorder[] = []
afterEach(async () => {
  for (const r of open.splice(0)) await r.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'strata-usage-'))
  dirs.push(dir)
  return dir
}
async function recorder(dir: string, options: { maxKeys?: number; clock?: () => Date; retentionDays?: number } = {}) {
  const r = createUsageRecorder({ store: await openUsageStore({ dataDir: dir }), clock: () => USAGE_NOW, ...options })
  open.push(r)
  return r
}
async function readRows(dir: string) {
  const store = await openUsageStore({ dataDir: dir, create: false })
  try {
    return await store.rowsSince(new Date(0))
  } finally {
    await store.close()
  }
}
const get = (version: string, client = 'acme') => ({
  method: 'GET',
  url: '/things/7',
  headers: { 'x-api-version': version, 'x-client-id': client },
})

describe('usage recorder on SQLite', () => {
  test('requests through the runtime -> one row per (minute, version, endpoint, client, status class)', async () => {
    const dir = dataDir()
    const rec = await recorder(dir)
    const { api, routes } = usageTestApi()
    const runtime = createRuntime({ api, routes, onExchange: rec.record })
    for (let i = 0; i < 3; i++) await runtime.handle(get('2'))
    await runtime.handle(get('3', 'globex'))
    await rec.flush()
    const rows = await readRows(dir)
    expect(rows.map((r) => [r.version, r.endpoint, r.client, r.status_class, r.requests])).toEqual(
      expect.arrayContaining([
        ['2', 'GET /things/:id', 'acme', '2xx', 3],
        ['3', 'GET /things/:id', 'globex', '2xx', 1],
      ]),
    )
    expect(rows).toHaveLength(2)
  })

  test('two recorders on one database -> their counts add into the same row, never overwrite', async () => {
    const dir = dataDir()
    const a = await recorder(dir)
    const b = await recorder(dir)
    const { api, routes } = usageTestApi()
    const one = createRuntime({ api, routes, onExchange: a.record })
    const two = createRuntime({ api, routes, onExchange: b.record })
    for (let i = 0; i < 5; i++) await one.handle(get('2'))
    for (let i = 0; i < 7; i++) await two.handle(get('2'))
    await a.flush()
    await b.flush()
    await one.handle(get('2'))
    await a.flush()
    const rows = await readRows(dir)
    expect(rows.map((r) => r.requests)).toEqual([13])
  })

  test('more distinct clients than maxKeys -> the excess counted in an overflow row, totals exact', async () => {
    const dir = dataDir()
    const rec = await recorder(dir, { maxKeys: 3 })
    const { api, routes } = usageTestApi()
    const runtime = createRuntime({ api, routes, onExchange: rec.record })
    for (let i = 0; i < 10; i++) await runtime.handle(get('2', `client-${i}`))
    await runtime.handle(get('2', 'client-0'))
    expect(rec.size).toBe(4)
    await rec.flush()
    const rows = await readRows(dir)
    const overflow = rows.find((r) => r.client === OVERFLOW)
    expect(overflow).toMatchObject({ version: '2', endpoint: OVERFLOW, requests: 7 })
    expect(rows.reduce((n, r) => n + r.requests, 0)).toBe(11)
  })

  test('refused and unmatched requests -> recorded with what is known (the sunset version of a 410)', async () => {
    const dir = dataDir()
    const rec = await recorder(dir)
    const { api, routes } = usageTestApi()
    const runtime = createRuntime({ api, routes, onExchange: rec.record })
    expect((await runtime.handle(get('1'))).status).toBe(410)
    expect((await runtime.handle(get('abc'))).status).toBe(400)
    expect((await runtime.handle({ method: 'GET', url: '/nowhere', headers: {} })).status).toBe(404)
    await rec.flush()
    const rows = await readRows(dir)
    expect(rows.map((r) => [r.version, r.endpoint, r.client, r.status_class]).sort()).toEqual(
      [
        ['1', 'GET /things/:id', 'acme', '4xx'],
        ['', 'GET /things/:id', 'acme', '4xx'],
        ['3', '', 'anonymous', '4xx'],
      ].sort(),
    )
  })

  test('rows older than retentionDays -> deleted by purge, newer rows kept', async () => {
    const dir = dataDir()
    let now = new Date('2026-01-01T00:00:00Z')
    const rec = await recorder(dir, { clock: () => now, retentionDays: 30 })
    const { api, routes } = usageTestApi()
    const runtime = createRuntime({ api, routes, onExchange: rec.record })
    await runtime.handle(get('3'))
    await rec.flush()
    now = new Date('2026-01-20T00:00:00Z')
    await runtime.handle(get('3'))
    await rec.flush()
    now = new Date('2026-02-15T00:00:00Z')
    expect(await rec.purge()).toBe(1)
    const rows = await readRows(dir)
    expect(rows.map((r) => r.minute)).toEqual(['2026-01-20T00:00:00Z'])
  })

  test('close -> writes what is still counted', async () => {
    const dir = dataDir()
    const rec = createUsageRecorder({ store: await openUsageStore({ dataDir: dir }), clock: () => USAGE_NOW })
    const { api, routes } = usageTestApi()
    const runtime = createRuntime({ api, routes, onExchange: rec.record })
    await runtime.handle(get('2'))
    await rec.close()
    const rows = await readRows(dir)
    expect(rows.map((r) => r.requests)).toEqual([1])
  })

  test('maxKeys 0 -> a STRATA_ERR_USAGE_INVALID_OPTION naming the option', async () => {
    const store = await openUsageStore({ dataDir: dataDir() })
    expect(() => createUsageRecorder({ store, maxKeys: 0 })).toThrow(/maxKeys must be a positive number/)
    await store.close()
  })
})
