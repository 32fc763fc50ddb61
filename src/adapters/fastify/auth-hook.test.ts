import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import {
  createAuthenticator,
  createMemoryApiKeyStore,
  generateApiKey,
  hashApiKeySecret,
  type Principal,
} from '../../conventions/auth/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { type ConventionsOptions, conventions } from './conventions.ts'
import { strata } from './plugin.ts'

const pepper = 'a-pepper-that-is-at-least-32-bytes-long!'
const store = createMemoryApiKeyStore()
store.addOwner({ id: 'sa-insider', kind: 'service-account', organizationId: 'org-1' })
store.addOwner({ id: 'sa-other', kind: 'service-account', organizationId: 'org-1' })
const insider = generateApiKey()
const other = generateApiKey()
store.addKey({ id: insider.id, ownerId: 'sa-insider', secretHash: hashApiKeySecret(insider.secret, pepper) })
store.addKey({ id: other.id, ownerId: 'sa-other', secretHash: hashApiKeySecret(other.secret, pepper) })
const basic = (key: { id: string; secret: string }) =>
  `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}`

const versions = defineVersions({
  scheme: integerScheme(),
  versions: [{ id: '1' }, { id: '2', stage: 'early-access' }],
})

let app: FastifyInstance
afterEach(() => app?.close())

async function build(options: Partial<ConventionsOptions> = {}) {
  app = Fastify()
  await app.register(conventions, {
    auth: { authenticator: createAuthenticator({ apiKeys: { store, pepper } }) },
    ...options,
  })
  const api = defineApi({
    versions,
    negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } },
    lifecycle: { earlyAccess: { allow: (p) => (p as Principal | undefined)?.id === 'sa-insider', deny: 404 } },
  })
  await app.register(strata, { api, principal: (req) => req.principal })
  app.get('/me', (req) => ({ id: req.principal?.id ?? null, version: req.strata.label }))
  app.get('/public', { config: { auth: 'optional' } }, (req) => ({ id: req.principal?.id ?? null }))
  return app
}

describe('Fastify conventions: authentication', () => {
  test('valid API key -> request.principal is the key owner, in its organization', async () => {
    await build()
    const res = await app.inject({ url: '/me', headers: { authorization: basic(insider) } })
    expect(res.json()).toEqual({ id: 'sa-insider', version: '1' })
  })

  test('early-access version: granted principal -> served; other principal -> 404 (auth runs before negotiation)', async () => {
    await build()
    const ok = await app.inject({ url: '/me', headers: { authorization: basic(insider), 'api-version': '2' } })
    expect(ok.json()).toEqual({ id: 'sa-insider', version: '2' })
    const denied = await app.inject({ url: '/me', headers: { authorization: basic(other), 'api-version': '2' } })
    expect([denied.statusCode, denied.json().error.code]).toEqual([404, 'NOT_FOUND'])
  })

  test('no credentials -> 401 UNAUTHENTICATED in the envelope with a Basic challenge', async () => {
    await build()
    const res = await app.inject({ url: '/me' })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toContain('Basic')
    expect(res.json()).toMatchObject({ status: '401', error: { code: 'UNAUTHENTICATED', path: '/me' } })
  })

  test('wrong secret -> 401, as problem+json when the client asks', async () => {
    await build()
    const res = await app.inject({
      url: '/me',
      headers: { authorization: basic({ id: insider.id, secret: 'nope' }), accept: 'application/problem+json' },
    })
    expect([res.statusCode, res.headers['content-type']]).toEqual([401, 'application/problem+json; charset=utf-8'])
    expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', instance: '/me' })
  })

  test("route with config auth 'optional' -> anonymous request served without a principal", async () => {
    await build()
    expect((await app.inject({ url: '/public' })).json()).toEqual({ id: null })
  })

  test('auth.required false -> anonymous requests reach every route', async () => {
    await build({ auth: { authenticator: createAuthenticator({ apiKeys: { store, pepper } }), required: false } })
    expect((await app.inject({ url: '/me' })).json()).toEqual({ id: null, version: '1' })
  })

  test('requireHttps, plain HTTP -> 403 INSECURE_TRANSPORT before credentials are read', async () => {
    await build({ requireHttps: true })
    const res = await app.inject({ url: '/me', headers: { authorization: basic(insider) } })
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'INSECURE_TRANSPORT'])
  })

  test('requireHttps with trustProxy, X-Forwarded-Proto https -> served', async () => {
    await build({ requireHttps: { trustProxy: true } })
    const res = await app.inject({
      url: '/me',
      headers: { authorization: basic(insider), 'x-forwarded-proto': 'https' },
    })
    expect(res.statusCode).toBe(200)
  })

  test('conventions registered after strata -> STRATA_ERR_CONVENTIONS_ORDER', async () => {
    app = Fastify()
    await app.register(strata, {
      api: defineApi({ versions, negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } } }),
    })
    await expect(app.register(conventions, {})).rejects.toMatchObject({ code: 'STRATA_ERR_CONVENTIONS_ORDER' })
  })
})
