import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose'
import {
  createAuthenticator,
  createJwtVerifier,
  createMemoryApiKeyStore,
  defineApi,
  defineRoute,
  defineVersions,
  fromHeader,
  generateApiKey,
  hashApiKeySecret,
  integerScheme,
  type Principal,
  type RuntimeOptions,
} from 'strata'
import { strataListener } from 'strata/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { answerClientError } from '../../../src/runtime/index.ts'
import type { RunningServer } from '../../e2e/conformance/servers.ts'
import { rawExchange } from '../../e2e/raw-request.ts'
import { expectNoInternals, send, servers } from './harness.ts'

// Hostile credentials and per-principal concurrency on every adapter: each refusal is a 401 or 429
// in the envelope with its challenge or Retry-After, never a 5xx, and the secret never comes back.

const ISSUER = 'https://idp.example.test/'
const AUDIENCE = 'https://api.example.test'
const pepper = 'a-pepper-that-is-at-least-32-bytes-long!'
const key = generateApiKey()
const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`

let release: () => void = () => undefined
let tokens: Record<string, string> = {}
let options: RuntimeOptions

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true })
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }
  const sign = (claims: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (j) => j) =>
    edit(
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('user-1')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('5m'),
    ).sign(pair.privateKey)
  // HS/RS confusion: an HS256 token keyed with the public key's own bytes.
  const hsKey = new TextEncoder().encode(JSON.stringify(publicJwk))
  tokens = {
    valid: await sign({}),
    'alg none': new UnsecuredJWT({ sub: 'user-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .encode(),
    'HS256 keyed with the public key': await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('user-1')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(hsKey),
    expired: await sign({}, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 3600)),
    'wrong audience': await sign({}, (j) => j.setAudience('https://other.example.test')),
    'wrong issuer': await sign({}, (j) => j.setIssuer('https://evil.example.test/')),
    'oversized (a validly signed 10 KB token)': await sign({ pad: 'x'.repeat(7_000) }),
    'truncated signature': (await sign({})).slice(0, -10),
    garbage: 'not.a.jwt',
  }
  const store = createMemoryApiKeyStore()
  store.addOwner({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1' })
  store.addKey({ id: key.id, ownerId: 'sa-1', secretHash: hashApiKeySecret(key.secret, pepper) })
  options = {
    api: defineApi({
      versions: defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }),
      negotiation: { sources: [fromHeader('Api-Version')], default: { version: '1' } },
    }),
    routes: [
      defineRoute({ method: 'GET', path: '/me', handler: ({ principal }) => ({ id: (principal as Principal).id }) }),
      defineRoute({
        method: 'GET',
        path: '/slow',
        handler: async () => {
          await new Promise<void>((resolve) => {
            release = resolve
          })
          return { done: true }
        },
      }),
    ],
    conventions: {
      auth: {
        authenticator: createAuthenticator({
          apiKeys: { store, pepper },
          jwt: createJwtVerifier({ jwks: { keys: [publicJwk] }, issuer: ISSUER, audience: AUDIENCE }),
        }),
      },
      rateLimit: {
        principal: { limit: 1000, windowSeconds: 60 },
        ip: { limit: 1000, windowSeconds: 60 },
        concurrency: { limit: 1 },
      },
    },
  }
})

const badBasic: readonly [string, string][] = [
  ['Basic without credentials', 'Basic'],
  ['Basic that is not base64', 'Basic %%%not-base64%%%'],
  ['Basic without a colon', basic('JUSTANID')],
  ['Basic with an empty secret', basic(`${key.id}:`)],
  ['Basic with an empty id', basic(`:${key.secret}`)],
  ['Basic with a wrong secret', basic(`${key.id}:${key.secret.slice(0, -1)}x`)],
  ['Basic with a 6 KB secret', basic(`${key.id}:${'s'.repeat(6000)}`)],
  ['Basic with unicode', basic('ключ:секрет')],
  ['an unknown scheme', 'Digest username="x"'],
]

describe.each(servers)('credentials and concurrency on $name', ({ start }) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start(options)
  })
  afterAll(async () => {
    release()
    await server?.close()
  })

  test.each(badBasic)('%s -> 401 in the envelope with a challenge, the secret never echoed', async (_name, value) => {
    const reply = await send(server.url, { target: '/me', headers: { authorization: value } })
    expect(reply.status).toBe(401)
    expect(reply.headers['www-authenticate']).toMatch(/Basic|Bearer/)
    expect(reply.body.error.code).toBe('UNAUTHENTICATED')
    expect(reply.text).not.toContain(key.secret)
    expectNoInternals(reply.text)
  })

  test('bearer tokens: alg none, HS/RS confusion, expired, wrong audience or issuer, oversized, garbage -> 401 each; valid -> 200', async () => {
    for (const [name, token] of Object.entries(tokens)) {
      const reply = await send(server.url, { target: '/me', headers: { authorization: `Bearer ${token}` } })
      if (name === 'valid') {
        expect([name, reply.status, reply.body]).toEqual([name, 200, { id: 'user-1' }])
        continue
      }
      expect([name, reply.status, reply.body?.error?.code]).toEqual([name, 401, 'UNAUTHENTICATED'])
      expect(reply.headers['www-authenticate']).toContain('invalid_token')
      expectNoInternals(reply.text)
    }
    // Past Node's 16 KiB header limit the parser refuses it before any code runs: 431, still in the envelope.
    const huge = await send(server.url, { target: '/me', headers: { authorization: `Bearer ${'x'.repeat(20_000)}` } })
    expect([huge.status, huge.body?.error?.code]).toEqual([431, 'HEADERS_TOO_LARGE'])
  })

  test('a second request while the principal has one in flight (limit 1) -> 429 in the envelope; after it ends -> 200', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}` }
    const first = send(server.url, { target: '/slow', headers: auth })
    await new Promise((resolve) => setTimeout(resolve, 200))
    const second = await send(server.url, { target: '/me', headers: auth })
    expect([second.status, second.body?.error?.code]).toEqual([429, 'RATE_LIMITED'])
    expect(second.headers['retry-after']).toBeDefined()
    release()
    expect((await first).status).toBe(200)
    expect((await send(server.url, { target: '/me', headers: auth })).status).toBe(200)
  })
})

describe('request timeout', () => {
  test('a request whose body never finishes arriving within requestTimeout -> 408 REQUEST_TIMEOUT in the envelope', async () => {
    const { conventions: _none, ...bare } = options
    const listener = strataListener(bare)
    const server = createServer({ requestTimeout: 300, connectionsCheckingInterval: 50 }, listener)
    server.on('clientError', (error, socket) =>
      answerClientError(error, socket, (p) => listener.runtime.fail({ method: 'GET', url: '/', headers: {} }, p)),
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      // Announces 100 bytes, sends 2, then waits.
      const reply = await rawExchange(
        url,
        'POST /me HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n',
        '{"',
      )
      expect([reply.status, reply.body?.error?.code]).toEqual([408, 'REQUEST_TIMEOUT'])
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
