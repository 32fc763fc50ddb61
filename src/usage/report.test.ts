import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRuntime } from 'strata'
import { afterEach, describe, expect, test } from 'vitest'
import { USAGE_NOW, usageTestApi } from '../../test/helpers/usage-api.ts'
import { buildUsageReport, createUsageRecorder, openUsageStore, stillCalled, usageReport } from './index.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function recorded(
  exchanges: (runtime: ReturnType<typeof createRuntime>, at: (iso: string) => void) => Promise<void>,
) {
  const dir = mkdtempSync(join(tmpdir(), 'strata-usage-report-'))
  dirs.push(dir)
  let now = USAGE_NOW
  const rec = createUsageRecorder({ store: await openUsageStore({ dataDir: dir }), clock: () => now })
  const { api, routes } = usageTestApi()
  const runtime = createRuntime({ api, routes, onExchange: rec.record })
  await exchanges(runtime, (iso) => {
    now = new Date(iso)
  })
  await rec.close()
  return { dir, api }
}

const call = (version: string, client: string, method = 'GET') => ({
  method,
  url: method === 'GET' ? '/things/7' : '/things',
  headers: { 'x-api-version': version, 'x-client-id': client, 'content-type': 'application/json' },
  body: method === 'GET' ? undefined : '{}',
})

describe('usage report', () => {
  test('deprecated version called by two clients -> the JSON the issue names, with first/last seen and days to sunset', async () => {
    const { dir, api } = await recorded(async (runtime, at) => {
      at('2026-11-30T08:15:20Z')
      await runtime.handle(call('2', 'acme'))
      at('2026-12-01T09:00:00Z')
      await runtime.handle(call('2', 'acme', 'POST'))
      await runtime.handle(call('2', 'acme', 'POST'))
      await runtime.handle(call('2', 'globex'))
      await runtime.handle(call('3', 'acme'))
    })
    const store = await openUsageStore({ dataDir: dir, create: false })
    const report = await usageReport(store, { api, since: new Date('2026-11-29T00:00:00Z') })
    await store.close()
    expect(report.generated_at).toBe('2026-12-01T12:00:00Z')
    expect(report.bucket).toBe('day')
    const v2 = report.versions.find((v) => v.version === '2')!
    expect({ ...v2, traffic: undefined }).toEqual({
      scope: null,
      version: '2',
      phase: 'deprecated',
      deprecated: '2026-06-01T00:00:00Z',
      sunset: '2027-03-01T00:00:00Z',
      days_to_sunset: 90,
      requests: 4,
      traffic: undefined,
      principals: [
        {
          principal: 'acme',
          requests: 3,
          first_seen: '2026-11-30T08:15:00Z',
          last_seen: '2026-12-01T09:00:00Z',
          endpoints: ['POST /things', 'GET /things/:id'],
        },
        {
          principal: 'globex',
          requests: 1,
          first_seen: '2026-12-01T09:00:00Z',
          last_seen: '2026-12-01T09:00:00Z',
          endpoints: ['GET /things/:id'],
        },
      ],
    })
    expect(v2.traffic).toEqual([
      { start: '2026-11-29T00:00:00Z', requests: 0 },
      { start: '2026-11-30T00:00:00Z', requests: 1 },
      { start: '2026-12-01T00:00:00Z', requests: 3 },
    ])
    expect(report.versions.map((v) => [v.version, v.phase, v.requests])).toEqual([
      ['1', 'sunset', 0],
      ['2', 'deprecated', 4],
      ['3', 'ga', 1],
    ])
    expect(stillCalled(report).map((v) => v.version)).toEqual(['2'])
  })

  test('a period of a day -> hourly buckets; rows before since -> left out', async () => {
    const { dir, api } = await recorded(async (runtime, at) => {
      at('2026-11-01T10:00:00Z')
      await runtime.handle(call('3', 'old'))
      at('2026-12-01T10:30:00Z')
      await runtime.handle(call('3', 'acme'))
    })
    const store = await openUsageStore({ dataDir: dir, create: false })
    const rows = await store.rowsSince(new Date(0))
    await store.close()
    const report = buildUsageReport(rows, { api, since: new Date('2026-12-01T00:00:00Z') })
    const v3 = report.versions.find((v) => v.version === '3')!
    expect(report.bucket).toBe('hour')
    expect(v3.traffic).toHaveLength(13)
    expect(v3.traffic[10]).toEqual({ start: '2026-12-01T10:00:00Z', requests: 1 })
    expect(v3.principals.map((p) => p.principal)).toEqual(['acme'])
  })

  test('no API given -> versions as recorded, phase and dates null', () => {
    const report = buildUsageReport(
      [
        {
          minute: '2026-12-01T10:00:00Z',
          scope: 'iam',
          version: 'v1',
          channel: 'stable',
          endpoint: 'GET /x',
          client: 'c',
          status_class: '2xx',
          requests: 2,
        },
      ],
      { now: USAGE_NOW, since: new Date('2026-12-01T00:00:00Z') },
    )
    expect(report.versions.map(({ traffic: _, ...v }) => v)).toEqual([
      {
        scope: 'iam',
        version: 'v1',
        phase: null,
        deprecated: null,
        sunset: null,
        days_to_sunset: null,
        requests: 2,
        principals: [
          {
            principal: 'c',
            requests: 2,
            first_seen: '2026-12-01T10:00:00Z',
            last_seen: '2026-12-01T10:00:00Z',
            endpoints: ['GET /x'],
          },
        ],
      },
    ])
  })
})
