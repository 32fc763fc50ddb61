import { afterEach, describe, expect, test } from 'vitest'
import { defineApi } from '../api/index.ts'
import {
  createAuthenticator,
  createMemoryApiKeyStore,
  hashApiKeySecret,
  type Principal,
} from '../conventions/auth/index.ts'
import { fromHeader } from '../negotiate/index.ts'
import { createRuntime, defineRoute } from '../runtime/index.ts'
import { calendarScheme, defineVersions } from '../version/index.ts'
import { createPortal } from './create-portal.ts'

const HOSTILE = '<img src=x onerror=alert(1)>"\'&'
const NOW = new Date('2026-12-05T00:00:00Z')

function hostileRuntime(portal = createPortal({ title: `Shop ${HOSTILE}`, now: () => NOW, adminToken: 's3cret' })) {
  const api = defineApi({
    versions: defineVersions({
      scheme: calendarScheme({ form: 'compact' }),
      versions: [
        { id: '2024-01-01', description: `Old ${HOSTILE}`, deprecated: '2026-01-01', sunset: '2027-06-01' },
        { id: '2025-01-01', description: `New ${HOSTILE}`, docs: 'javascript:alert(1)' },
      ],
    }),
    negotiation: { sources: [fromHeader('Api-Version')], default: 'latest' },
  })
  const routes = [defineRoute({ method: 'GET', path: '/items', summary: `List ${HOSTILE}`, handler: () => [] })]
  return createRuntime({ api, routes, pages: portal })
}
const get = (runtime: ReturnType<typeof hostileRuntime>, url: string, headers: Record<string, string> = {}) =>
  runtime.handle({ method: 'GET', url, headers })

describe('createPortal', () => {
  afterEach(() => {
    delete process.env.STRATA_NOW
  })

  test.each(['/docs', '/docs/changelog', '/docs/reference', '/docs/reference/api/20250101'])(
    'GET %s: titles and descriptions from the definition are escaped, never markup',
    async (url) => {
      const res = await get(hostileRuntime(), url)
      expect(res.status).toBe(200)
      expect(res.body).not.toContain('<img src=x')
      expect(res.body).not.toContain('javascript:')
      expect(res.body).toContain('Shop &lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;')
    },
  )

  test('overview: descriptions escaped in the versions table; a non-http docs link is left out of the changelog', async () => {
    const overview = await get(hostileRuntime(), '/docs')
    expect(overview.body).toContain('New &lt;img src=x onerror=alert(1)&gt;')
    const changelog = await get(hostileRuntime(), '/docs/changelog')
    expect(changelog.body).not.toContain('Documentation</a>')
  })

  test('a URL with an unknown scope or a malformed escape -> 404 in the API envelope, not a crash', async () => {
    const runtime = hostileRuntime()
    for (const url of ['/docs/reference/nope/20250101', '/docs/contracts/%E0%A4%A/1.json', '/docs/reference/api/%ZZ']) {
      const res = await get(runtime, url)
      expect(res.status).toBe(404)
      expect(JSON.parse(res.body ?? '')).toMatchObject({ status: '404', error: { code: 'NOT_FOUND' } })
    }
  })

  test('usage with the admin token but no usage function -> 404 saying recording is not configured', async () => {
    const res = await get(hostileRuntime(), '/docs/usage.json', { authorization: 'Bearer s3cret' })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body ?? '').error.message).toBe('Usage recording is not configured for this API')
  })

  test('usage.json with the admin token -> the report as given, not cached', async () => {
    const report = { versions: [] }
    const runtime = hostileRuntime(createPortal({ adminToken: 's3cret', usage: async () => report }))
    const res = await get(runtime, '/docs/usage.json', { authorization: 'bearer s3cret' })
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body ?? '')).toEqual(report)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  test('admin principal: the predicate decides, the token is not needed', async () => {
    const portal = createPortal({ admin: (p) => p === 'root', usage: async () => ({ versions: [] }) })
    const api = defineApi({
      versions: defineVersions({ scheme: calendarScheme({ form: 'compact' }), versions: [{ id: '2025-01-01' }] }),
      negotiation: { sources: [fromHeader('Api-Version')] },
    })
    const routes = [defineRoute({ method: 'GET', path: '/items', handler: () => [] })]
    const as = (who: string) =>
      createRuntime({ api, routes, pages: portal, principal: () => who }).handle({
        method: 'GET',
        url: '/docs/usage',
        headers: {},
      })
    expect((await as('root')).status).toBe(200)
    expect((await as('guest')).status).toBe(403)
  })

  test('STRATA_NOW pins the clock of the timeline', async () => {
    process.env.STRATA_NOW = '2027-07-01T00:00:00Z'
    const res = await get(hostileRuntime(createPortal()), '/docs')
    expect(res.body).toContain('data-today="2027-07-01"')
    expect(res.body).toContain('data-version="20240101" data-phase-now="sunset"')
  })

  test('STRATA_NOW that is not a timestamp, or a base path without a leading slash -> STRATA_ERR_PORTAL_INVALID_OPTION', () => {
    process.env.STRATA_NOW = 'yesterday'
    expect(() => createPortal()).toThrow(/STRATA_NOW must be an RFC 3339 timestamp/)
    delete process.env.STRATA_NOW
    expect(() => createPortal({ base: 'docs/' })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_PORTAL_INVALID_OPTION' }),
    )
  })
})

describe('createPortal on a runtime with API-key authentication', () => {
  const pepper = 'portal-test-pepper-of-at-least-32-bytes'
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`
  function authRuntime() {
    const keys = createMemoryApiKeyStore()
    keys.addOwner({ id: 'sa-admin', kind: 'service-account', organizationId: 'org-1' })
    keys.addOwner({ id: 'sa-other', kind: 'service-account', organizationId: 'org-1' })
    keys.addKey({
      id: 'ADMINKEY',
      ownerId: 'sa-admin',
      secretHash: hashApiKeySecret('admin-secret-0123456789', pepper),
    })
    keys.addKey({
      id: 'OTHERKEY',
      ownerId: 'sa-other',
      secretHash: hashApiKeySecret('other-secret-0123456789', pepper),
    })
    const api = defineApi({
      versions: defineVersions({ scheme: calendarScheme({ form: 'compact' }), versions: [{ id: '2025-01-01' }] }),
      negotiation: { sources: [fromHeader('Api-Version')] },
    })
    const portal = createPortal({
      admin: (p) => (p as Principal).id === 'sa-admin',
      usage: async () => ({ versions: [] }),
      now: () => NOW,
    })
    return createRuntime({
      api,
      routes: [defineRoute({ method: 'GET', path: '/items', handler: () => [] })],
      pages: portal,
      conventions: { auth: { authenticator: createAuthenticator({ apiKeys: { store: keys, pepper } }) } },
    })
  }

  test('pages are public while routes need credentials; the usage page opens for the admin key only', async () => {
    const runtime = authRuntime()
    const at = (url: string, key?: [string, string]) =>
      runtime.handle({ method: 'GET', url, headers: key ? { authorization: basic(...key) } : {} })
    expect((await at('/items')).status).toBe(401)
    expect((await at('/docs')).status).toBe(200)
    expect((await at('/docs/usage')).status).toBe(403)
    expect((await at('/docs/usage', ['OTHERKEY', 'other-secret-0123456789'])).status).toBe(403)
    expect((await at('/docs/usage', ['ADMINKEY', 'admin-secret-0123456789'])).status).toBe(200)
    // Wrong credentials are refused by authentication itself, as on any route.
    expect((await at('/docs', ['ADMINKEY', 'wrong-secret-0123456789'])).status).toBe(401)
  })
})
