import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createUsage, type Usage } from 'strata/usage'
import { afterAll, describe, expect, test } from 'vitest'
import { USAGE_NOW, usageTestApi } from '../helpers/usage-api.ts'
import { type RunningServer, servers } from './conformance/servers.ts'

const TOKEN = 'usage-admin-token-for-tests'
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe.each(servers)('usage through the $name adapter', ({ start }) => {
  let server: RunningServer
  let usage: Usage
  const call = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers })

  test('requests at a served, a sunset and no version -> recorded, reported to the admin, counted in metrics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-usage-adapter-'))
    dirs.push(dir)
    const { api, routes } = usageTestApi()
    usage = await createUsage({ api, dataDir: dir, adminToken: TOKEN, flushIntervalMs: 60_000 })
    server = await start({ api, routes, onExchange: usage.observers, unversioned: usage.routes })
    try {
      expect((await call('/things/1', { 'x-api-version': '2', 'x-client-id': 'acme' })).status).toBe(200)
      expect((await call('/things/1', { 'x-api-version': '2', 'user-agent': 'curl/8.5.0' })).status).toBe(200)
      expect((await call('/things/1', { 'x-api-version': '1', 'x-client-id': 'acme' })).status).toBe(410)
      expect((await call('/nowhere', { 'x-client-id': 'acme' })).status).toBe(404)

      const refused = await call('/docs/usage.json', { authorization: 'Bearer wrong' })
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({ status: '403', error: { code: 'FORBIDDEN' } })
      const report = await call('/docs/usage.json', { authorization: `Bearer ${TOKEN}` })
      expect(report.status).toBe(200)
      const body = (await report.json()) as {
        generated_at: string
        versions: {
          version: string
          requests: number
          principals: { principal: string; requests: number; endpoints: string[] }[]
        }[]
      }
      expect(body.generated_at).toBe(USAGE_NOW.toISOString().replace('.000', ''))
      const byVersion = Object.fromEntries(body.versions.map((v) => [v.version, v]))
      expect(byVersion['1']).toMatchObject({
        requests: 1,
        principals: [{ principal: 'acme', requests: 1, endpoints: ['GET /things/:id'] }],
      })
      expect(byVersion['2']!.principals.map((p) => [p.principal, p.requests])).toEqual([
        ['acme', 1],
        ['curl', 1],
      ])
      expect(byVersion['3']).toMatchObject({ requests: 1, principals: [{ principal: 'acme', endpoints: [] }] })

      const metrics = await (await call('/metrics')).text()
      expect(metrics).toContain(
        'strata_requests_total{scope="(api)",version="2",deprecated="true",status_class="2xx"} 2',
      )
      expect(metrics).toContain(
        'strata_requests_total{scope="(api)",version="1",deprecated="true",status_class="4xx"} 1',
      )
      expect(metrics).toContain('strata_requested_deprecated_versions{scope="(api)",version="2",sunset="2027-03-01"} 1')
    } finally {
      await server.close()
      await usage.close()
    }
  })
})
