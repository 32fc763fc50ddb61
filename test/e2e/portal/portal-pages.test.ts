import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { contractSourceOf } from 'strata'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createServer as calendarFastify } from '../../../examples/calendar/main.ts'
import type { ExampleServer } from '../../../examples/calendar/serve.ts'
import { createServer as calendarHono } from '../../../examples/calendar-hono/main.ts'
import { createServer as calendarNode } from '../../../examples/calendar-node/main.ts'
import { createServer as controlPlane } from '../../../examples/control-plane/main.ts'
import { createServer as perEndpoint } from '../../../examples/per-endpoint/main.ts'
import { buildChangelog, generateContracts } from '../../../src/openapi/contract/index.ts'

const NOW = new Date('2026-12-05T00:00:00Z')
const clock = () => NOW
const dataDir = (name: string) => mkdtempSync(join(tmpdir(), `strata-portal-${name}-`))

/** One answer, whatever the adapter. */
interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}
type Get = (url: string, headers?: Record<string, string>, method?: string) => Promise<Answer>

const viaFastify =
  (app: () => FastifyInstance): Get =>
  async (url, headers = {}, method = 'GET') => {
    const res = await app().inject({ method: method as 'GET', url, headers })
    return { status: res.statusCode, headers: res.headers as Record<string, string>, body: res.body }
  }
const viaRuntime =
  (app: () => ExampleServer): Get =>
  async (url, headers = {}, method = 'GET') => {
    const res = await app().runtime.handle({ method, url, headers })
    const lower = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]))
    return { status: res.status, headers: lower, body: res.body ?? '' }
  }

// Every resource a page loads (scripts, stylesheets, images) comes from the portal itself.
const loadedUrls = (html: string): string[] =>
  [...html.matchAll(/<(?:script|img)[^>]*\ssrc="([^"]*)"|<link[^>]*\shref="([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '')

function describeCalendarPages(adapter: string, start: () => Promise<{ get: Get; close: () => Promise<void> }>): void {
  describe(`portal on ${adapter} (calendar example)`, () => {
    let get: Get
    let close: () => Promise<void>
    beforeAll(async () => {
      ;({ get, close } = await start())
    })
    afterAll(() => close())

    test.each([
      '/docs',
      '/docs/reference',
      '/docs/reference/api/20230101',
      '/docs/reference/api/20230203-beta',
      '/docs/changelog',
    ])(
      'GET %s -> 200 HTML under a CSP that allows this origin only, loading nothing from another host',
      async (url) => {
        const res = await get(url)
        expect(res.status).toBe(200)
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
        const csp = res.headers['content-security-policy'] ?? ''
        expect(csp).toContain("default-src 'none'")
        expect(csp).toContain("script-src 'self'")
        expect(csp).not.toMatch(/https?:|\*/)
        for (const loaded of loadedUrls(res.body)) expect(loaded).toMatch(/^(\/docs\/|data:)/)
        // Pages are not versioned: no version headers.
        expect(res.headers['cdf-version']).toBeUndefined()
      },
    )

    test('overview at 2026-12-05: timeline rows with their phase now, default 20230101, the Cdf-Version header named', async () => {
      const { body } = await get('/docs')
      expect(body).toContain('data-version="20220101" data-phase-now="sunset"')
      expect(body).toContain('data-version="20230101" data-phase-now="deprecated"')
      expect(body).toContain('data-version="20240601" data-phase-now="ga"')
      expect(body).toContain('data-today="2026-12-05"')
      expect(body).toContain('<strong class="default-version">20230101</strong>')
      expect(body).toContain('By header Cdf-Version: Cdf-Version: 20240601')
      expect(body).toContain('Append -beta to the version for the beta channel.')
    })

    test('contract JSON of each published version is the generated contract; a sunset version is 404 in the envelope', async () => {
      for (const label of ['20230101', '20230201', '20230203-beta', '20240601']) {
        const res = await get(`/docs/contracts/api/${label}.json`)
        expect(res.status).toBe(200)
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
        expect(JSON.parse(res.body).info.version).toBe(label)
        expect(JSON.parse(res.body).info['x-lifecycle'].phase).toBe(label === '20230101' ? 'deprecated' : 'ga')
      }
      const gone = await get('/docs/contracts/api/20220101.json')
      expect(gone.status).toBe(404)
      expect(JSON.parse(gone.body)).toMatchObject({ error: { code: 404, type: 'NOT_FOUND' } })
    })

    test('reference page of 20230101: the switcher lists every published version with 20230101 selected', async () => {
      const { body } = await get('/docs/reference/api/20230101')
      expect(body).toContain('data-spec="/docs/contracts/api/20230101.json"')
      const options = [...body.matchAll(/<option value="([^"]+)"( selected)?>/g)].map((m) => [m[1], m[2] !== undefined])
      expect(options).toEqual([
        ['/docs/reference/api/20230101', true],
        ['/docs/reference/api/20230201', false],
        ['/docs/reference/api/20230203-beta', false],
        ['/docs/reference/api/20240601', false],
      ])
    })

    test('changelog lists every ledger change description of every released version', async () => {
      const { body } = await get('/docs/changelog')
      for (const name of [
        'renameAssetNameToTitle',
        'timesAsRfc3339',
        'createAssetAnswers201',
        'renameListSizeToLimit',
        'removeAssetSource',
        'addErrorSuggestions',
        'addCriticalCriticality',
      ]) {
        expect(body).toContain(`<code>${name}</code>`)
      }
      expect(body).toContain('id="api-20220101"')
    })

    test('assets: Redoc bundle and the portal script are served with a JavaScript type and no CDN URL left in them', async () => {
      const redoc = await get('/docs/assets/redoc.standalone.js')
      expect(redoc.status).toBe(200)
      expect(redoc.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect(redoc.body).toContain('Redoc')
      expect(redoc.body).not.toContain('cdn.redoc.ly')
      expect((await get('/docs/assets/reference.js')).body).toContain('Redoc.init')
      expect((await get('/docs/assets/portal.css')).headers['content-type']).toBe('text/css; charset=utf-8')
    })

    test('usage page and usage.json without the admin token -> 403 in the Cognite envelope', async () => {
      for (const url of ['/docs/usage', '/docs/usage.json']) {
        const res = await get(url)
        expect(res.status).toBe(403)
        expect(JSON.parse(res.body)).toMatchObject({ error: { code: 403, type: 'FORBIDDEN' } })
      }
      const wrong = await get('/docs/usage', { authorization: 'Bearer not-the-token' })
      expect(wrong.status).toBe(403)
    })

    test('unknown page -> 404, POST -> 405 with Allow, HEAD -> 200 without a body', async () => {
      const missing = await get('/docs/nothing-here')
      expect(missing.status).toBe(404)
      expect(JSON.parse(missing.body)).toMatchObject({ error: { code: 404 } })
      const post = await get('/docs', {}, 'POST')
      expect(post.status).toBe(405)
      expect(post.headers.allow).toBe('GET, HEAD')
      const head = await get('/docs', {}, 'HEAD')
      expect(head.status).toBe(200)
      expect(head.body).toBe('')
    })
  })
}

describeCalendarPages('Fastify (inject)', async () => {
  const app = await calendarFastify({ dataDir: dataDir('fastify'), clock })
  await app.ready()
  return { get: viaFastify(() => app), close: () => app.close() }
})
describeCalendarPages('node:http (runtime)', async () => {
  const app = await calendarNode({ dataDir: dataDir('node'), clock })
  return { get: viaRuntime(() => app), close: () => app.close() }
})
describeCalendarPages('Hono (runtime)', async () => {
  const app = await calendarHono({ dataDir: dataDir('hono'), clock })
  return { get: viaRuntime(() => app), close: () => app.close() }
})

describe('portal contracts and changelog match the generators', () => {
  test('node:http: every contract JSON equals generateContracts, the changelog has one section per buildChangelog entry', async () => {
    const app = await calendarNode({ dataDir: dataDir('gen'), clock })
    try {
      const get = viaRuntime(() => app)
      const source = contractSourceOf(app)
      for (const c of generateContracts(source, { now: NOW })) {
        expect(JSON.parse((await get(`/docs/contracts/api/${c.label}.json`)).body)).toEqual(c.document)
      }
      const sections = (await get('/docs/changelog')).body.match(/<section class="changelog-entry"/g) ?? []
      expect(sections).toHaveLength(buildChangelog(source, { now: NOW }).length)
    } finally {
      await app.close()
    }
  })
})

describe('portal on the per-endpoint example (Fastify, X-API-Version per endpoint)', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = await perEndpoint({ dataDir: dataDir('per-endpoint'), clock })
  })
  afterAll(() => app.close())

  test('overview: one section per endpoint scope, the X-API-Version header named, no IP Fabric version headers on pages', async () => {
    const res = await app.inject({ url: '/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('By header X-API-Version: X-API-Version: ')
    expect(res.headers['x-api-version-used']).toBeUndefined()
    const scopes = [...res.body.matchAll(/<section class="scope" id="scope-[^"]*" data-scope="([^"]+)"/g)]
    expect(scopes.length).toBeGreaterThan(1)
    expect(scopes.map((m) => m[1])).not.toContain('api')
  })

  test('contracts are listed per endpoint and served under the endpoint scope', async () => {
    const index = await app.inject({ url: '/docs/reference' })
    const first = /href="(\/docs\/contracts\/[^"]+\.json)"/.exec(index.body)?.[1]
    expect(first).toBeDefined()
    const contract = await app.inject({ url: first! })
    expect(contract.statusCode).toBe(200)
    expect(contract.json().openapi).toBe('3.1.0')
  })
})

describe('portal on the control-plane example (Fastify with API keys)', () => {
  const ADMIN = 'PORTALADMIN'
  const SECRET = 'a-portal-admin-secret-of-32-chars!'
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
  let app: FastifyInstance
  beforeAll(async () => {
    const before = process.env.BOOTSTRAP_API_KEY
    process.env.BOOTSTRAP_API_KEY = `${ADMIN}:${SECRET}`
    try {
      app = await controlPlane({ dataDir: dataDir('control-plane'), clock })
    } finally {
      if (before === undefined) delete process.env.BOOTSTRAP_API_KEY
      else process.env.BOOTSTRAP_API_KEY = before
    }
  })
  afterAll(() => app.close())

  test('pages are public although the API requires credentials; the path generation is explained per group', async () => {
    const res = await app.inject({ url: '/docs' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('By path: the generation in the path, e.g. /cmk/v2/')
    expect(res.body).toContain('A request that names no version is refused.')
    expect((await app.inject({ url: '/cmk/v2/clusters' })).statusCode).toBe(401)
  })

  test('usage page: anonymous -> 403 in the Confluent envelope; the admin service account gets past the check', async () => {
    const anonymous = await app.inject({ url: '/docs/usage' })
    expect(anonymous.statusCode).toBe(403)
    expect(anonymous.json()).toMatchObject({ status: '403', error: { code: 'FORBIDDEN' } })
    const admin = await app.inject({ url: '/docs/usage', headers: { authorization: basic(ADMIN, SECRET) } })
    // The example records usage: the admin gets the page, listing the anonymous call just made.
    expect(admin.statusCode).toBe(200)
    expect(admin.headers['content-type']).toContain('text/html')
  })

  test('contracts never list the portal routes', async () => {
    const paths = generateContracts(contractSourceOf(app), { now: NOW }).flatMap((c) =>
      Object.keys((c.document as { paths: Record<string, unknown> }).paths),
    )
    expect(paths.some((p) => p.startsWith('/docs'))).toBe(false)
  })
})
