import { rmSync } from 'node:fs'
import { openUsageStore, type UsageRow } from 'strata/usage'
import { describe, expect, test } from 'vitest'
import { adapters, NOW } from './conformance/adapters.ts'
import { startExample } from './start-example.ts'

// Every example records usage under its DATA_DIR and writes what it counted when it gets SIGTERM:
// the requests below are sent and the process stopped at once, well inside the 10 s flush interval.

async function rowsOf(dataDir: string): Promise<UsageRow[]> {
  const store = await openUsageStore({ dataDir, create: false })
  try {
    return await store.rowsSince(new Date(0))
  } finally {
    await store.close()
  }
}

const summary = (rows: UsageRow[]) =>
  rows.map((r) => [r.version, r.endpoint, r.client, r.status_class, r.requests]).sort()

// Fastify closes through its onClose hook, the other adapters through examples/calendar/serve.ts (shared
// by node:http, Hono and Express): one of each. Recording itself is checked on all four in usage-adapters.test.ts.
const closers = adapters.filter((a) => a.example === 'calendar' || a.example === 'calendar-node')

describe.each(closers)('usage in the calendar example on $name', ({ example }) => {
  test('3 calls at a deprecated version, then SIGTERM -> exit 0 and all 3 in usage.sqlite', async () => {
    const running = await startExample(example, { STRATA_NOW: NOW })
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${running.url}/api/v1/assets`, {
          headers: { 'cdf-version': '20230101', 'x-client-id': 'acme' },
        })
        expect(res.status).toBe(200)
      }
      const gone = await fetch(`${running.url}/api/v1/assets`, { headers: { 'cdf-version': '20220101' } })
      expect(gone.status).toBe(410)
    } finally {
      expect(await running.stop()).toBe(0)
    }
    expect(summary(await rowsOf(running.dataDir))).toEqual([
      ['20220101', 'GET /api/v1/assets', 'node', '4xx', 1],
      ['20230101', 'GET /api/v1/assets', 'acme', '2xx', 3],
    ])
    rmSync(running.dataDir, { recursive: true, force: true })
  }, 60_000)
})

test('per-endpoint example: a call per endpoint version, then SIGTERM -> recorded under the endpoint scope', async () => {
  const running = await startExample('per-endpoint', { STRATA_NOW: NOW })
  try {
    const res = await fetch(`${running.url}/api/devices`, { headers: { 'x-api-version': '2', 'x-client-id': 'noc' } })
    expect(res.status).toBe(200)
  } finally {
    expect(await running.stop()).toBe(0)
  }
  const rows = await rowsOf(running.dataDir)
  expect(rows.map((r) => [r.version, r.endpoint, r.client, r.requests])).toEqual([['2', 'GET /api/devices', 'noc', 1]])
  expect(rows[0]!.scope).not.toBe('')
  rmSync(running.dataDir, { recursive: true, force: true })
}, 60_000)

test('control-plane example: the admin principal is recorded and reads /docs/usage.json; anonymous -> 403', async () => {
  const admin = `Basic ${Buffer.from('ADMINKEY:admin-secret-for-the-usage-suite-01').toString('base64')}`
  const running = await startExample('control-plane', {
    STRATA_NOW: NOW,
    BOOTSTRAP_API_KEY: 'ADMINKEY:admin-secret-for-the-usage-suite-01',
  })
  try {
    expect((await fetch(`${running.url}/org/v2/environments`, { headers: { authorization: admin } })).status).toBe(200)
    const anonymous = await fetch(`${running.url}/docs/usage.json`)
    expect(anonymous.status).toBe(403)
    const report = await fetch(`${running.url}/docs/usage.json`, { headers: { authorization: admin } })
    expect(report.status).toBe(200)
    const body = (await report.json()) as {
      versions: { scope: string; version: string; principals: { principal: string }[] }[]
    }
    const org = body.versions.find((v) => v.scope === 'org' && v.version === 'v2')
    expect(org?.principals.map((p) => p.principal)).toEqual([expect.stringMatching(/^service-account:sa-/)])
  } finally {
    expect(await running.stop()).toBe(0)
  }
  rmSync(running.dataDir, { recursive: true, force: true })
}, 60_000)
