import type { Server } from 'node:http'
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { type Api, defineApi } from '../../api/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { strata } from './plugin.ts'
import { strataRewriteUrl } from './rewrite-url.ts'

let now = new Date('2026-11-22T00:00:00Z')
const api: Api = defineApi({
  versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
  scopes: {
    snapshots: { versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }, { id: '2' }] }) },
  },
  negotiation: { sources: [fromHeader('X-API-Version')], default: 'oldest' },
  headers: { separator: ',', usedOnRefusal: 'latest' },
  lifecycle: { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' },
  legacyPaths: [
    { pattern: /^\/api\/v7\.\d+(?=\/)/, replacement: '/api', deprecated: '2025-07-01', sunset: '2027-02-01' },
  ],
  clock: () => now,
})

let app: FastifyInstance
afterEach(() => app?.close())

async function build(options: FastifyHttpOptions<Server> = { rewriteUrl: strataRewriteUrl(api) }) {
  app = Fastify(options)
  await app.register(strata, { api })
  app.get('/api/snapshots', { config: { strata: { scope: 'snapshots' } } }, (req) => ({
    version: req.strata.label,
    url: req.url,
  }))
  return app
}

describe('Fastify: legacy path forms', () => {
  test('rewriteUrl wired, /api/v7.5/snapshots?x=1 -> routed to /api/snapshots in its scope, Deprecation and Sunset', async () => {
    await build()
    const res = await app.inject({ url: '/api/v7.5/snapshots?x=1', headers: { 'x-api-version': '2' } })
    expect([res.statusCode, res.json()]).toEqual([200, { version: '2', url: '/api/snapshots?x=1' }])
    expect([res.headers.deprecation, res.headers.sunset, res.headers['x-api-versions-supported']]).toEqual([
      'true',
      '2027-02-01T00:00:00Z',
      '1,2',
    ])
  })

  test('current path -> no legacy headers', async () => {
    await build()
    const res = await app.inject({ url: '/api/snapshots' })
    expect([res.statusCode, res.headers.deprecation]).toEqual([200, undefined])
  })

  test('after the sunset -> 410 VERSION_SUNSET in the API error format, naming the scope latest', async () => {
    await build()
    now = new Date('2027-03-01T00:00:00Z')
    try {
      const res = await app.inject({ url: '/api/v7.5/snapshots' })
      expect(res.statusCode).toBe(410)
      expect(res.json().error).toMatchObject({ code: 'VERSION_SUNSET', latest_version: '2' })
      expect(res.headers['x-api-version-used']).toBe('2')
    } finally {
      now = new Date('2026-11-22T00:00:00Z')
    }
  })

  test('server created without rewriteUrl -> STRATA_ERR_API_LEGACY_PATHS_NOT_WIRED when the plugin registers', async () => {
    await expect(build({})).rejects.toThrow(/STRATA_ERR_API_LEGACY_PATHS_NOT_WIRED/)
  })

  test("server's own rewriteUrl skips Strata's -> a legacy URL answers 500 and logs the wiring error", async () => {
    const logged: string[] = []
    await build({
      rewriteUrl: (req) => req.url ?? '/',
      logger: { level: 'error', stream: { write: (line: string) => logged.push(line) } },
    })
    const res = await app.inject({ url: '/api/v7.5/snapshots' })
    expect([res.statusCode, res.json().error.code]).toEqual([500, 'INTERNAL'])
    expect(logged.join('')).toContain('STRATA_ERR_API_LEGACY_PATHS_NOT_WIRED')
  })
})
