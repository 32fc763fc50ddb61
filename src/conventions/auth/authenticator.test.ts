import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { beforeAll, describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import {
  type Authenticator,
  createAuthenticator,
  createJwtVerifier,
  createMemoryApiKeyStore,
  generateApiKey,
  hashApiKeySecret,
  isSecureTransport,
  requireSecureTransport,
} from './index.ts'

const PEPPER = 'server-pepper-of-at-least-thirty-two-bytes'
const store = createMemoryApiKeyStore()
const key = generateApiKey()
let auth: Authenticator
let token: string

beforeAll(async () => {
  store.addOwner({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1' })
  store.addKey({ id: key.id, ownerId: 'sa-1', secretHash: hashApiKeySecret(key.secret, PEPPER) })
  const pair = await generateKeyPair('EdDSA')
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'e1', alg: 'EdDSA' }
  const jwt = createJwtVerifier({ jwks: { keys: [jwk] }, issuer: 'https://idp/', audience: 'api' })
  auth = createAuthenticator({ apiKeys: { store, pepper: PEPPER }, jwt, realm: 'cloud' })
  token = await new SignJWT({ scope: 'x' })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'e1' })
    .setIssuer('https://idp/')
    .setAudience('api')
    .setSubject('u-1')
    .setExpirationTime('5m')
    .sign(pair.privateKey)
})

const basic = `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString('base64')}`
const bothChallenges = 'Basic realm="cloud", charset="UTF-8", Bearer realm="cloud"'

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise
  } catch (err) {
    if (err instanceof HttpProblem) return err
    throw err
  }
  throw new Error('expected an HttpProblem')
}

describe('createAuthenticator', () => {
  test('Basic API key and Bearer JWT -> one Principal shape, told apart by via', async () => {
    const byKey = await auth.authenticate({ headers: { authorization: basic } })
    const byToken = await auth.authenticate({ headers: { Authorization: `Bearer ${token}` } })
    expect(byKey).toMatchObject({ id: 'sa-1', kind: 'service-account', organizationId: 'org-1', via: 'api-key' })
    expect(byToken).toMatchObject({ id: 'u-1', kind: 'user', scopes: ['x'], via: 'jwt' })
  })

  test('no Authorization header -> 401 challenging both schemes; optional form -> undefined', async () => {
    const problem = await problemOf(auth.authenticate({ headers: {} }))
    expect(problem).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'The request carries no credentials',
    })
    expect(problem.headers).toEqual({ 'WWW-Authenticate': bothChallenges })
    expect(await auth.authenticateOptional({ headers: {} })).toBeUndefined()
  })

  test('unsupported scheme (Digest) -> 401 naming the accepted schemes', async () => {
    const problem = await problemOf(auth.authenticateOptional({ headers: { authorization: 'Digest username="x"' } }))
    expect(problem.message).toBe('The API does not accept "digest" credentials; use Basic or Bearer')
    expect(problem.headers?.['WWW-Authenticate']).toBe(bothChallenges)
  })

  test('two Authorization headers or an empty bearer -> 401', async () => {
    expect((await problemOf(auth.authenticate({ headers: { authorization: [basic, basic] } }))).message).toMatch(
      /more than one/,
    )
    expect((await problemOf(auth.authenticate({ headers: { authorization: 'Bearer   ' } }))).message).toMatch(
      /no bearer token/,
    )
  })

  test('only API keys configured, Bearer sent -> 401 with a Basic challenge only', async () => {
    const keysOnly = createAuthenticator({ apiKeys: { store, pepper: PEPPER } })
    const problem = await problemOf(keysOnly.authenticate({ headers: { authorization: `Bearer ${token}` } }))
    expect(problem.headers).toEqual({ 'WWW-Authenticate': 'Basic realm="api", charset="UTF-8"' })
  })

  test('neither API keys nor JWT configured -> STRATA_ERR_AUTH_NO_SCHEME at creation', () => {
    expect(() => createAuthenticator({})).toThrow(/apiKeys, jwt, or both/)
    expect(() => createAuthenticator({})).toThrow(expect.objectContaining({ code: 'STRATA_ERR_AUTH_NO_SCHEME' }))
  })

  test('requireHttps: plain HTTP with valid credentials -> 403 INSECURE_TRANSPORT before credentials are checked', async () => {
    const strict = createAuthenticator({ apiKeys: { store, pepper: PEPPER }, requireHttps: true })
    const problem = await problemOf(strict.authenticate({ protocol: 'http', headers: { authorization: basic } }))
    expect(problem).toMatchObject({
      status: 403,
      code: 'INSECURE_TRANSPORT',
      message: 'The API accepts requests over HTTPS only',
    })
    expect((await strict.authenticate({ protocol: 'https', headers: { authorization: basic } })).id).toBe('sa-1')
  })

  test('requireHttps with trustProxy: X-Forwarded-Proto https behind a proxy -> accepted', async () => {
    const proxied = createAuthenticator({ apiKeys: { store, pepper: PEPPER }, requireHttps: { trustProxy: true } })
    const principal = await proxied.authenticate({
      protocol: 'http',
      headers: { authorization: basic, 'x-forwarded-proto': 'https' },
    })
    expect(principal.id).toBe('sa-1')
  })
})

describe('transport', () => {
  test.each([
    ['https connection', { protocol: 'https', headers: {} }, false, true],
    ['http connection', { protocol: 'http', headers: {} }, false, false],
    [
      'forged X-Forwarded-Proto, proxy not trusted',
      { protocol: 'http', headers: { 'x-forwarded-proto': 'https' } },
      false,
      false,
    ],
    [
      'X-Forwarded-Proto https, proxy trusted',
      { protocol: 'http', headers: { 'x-forwarded-proto': 'https' } },
      true,
      true,
    ],
    [
      'X-Forwarded-Proto "http, https" (client hop http)',
      { protocol: 'https', headers: { 'x-forwarded-proto': 'http, https' } },
      true,
      false,
    ],
    [
      'Forwarded proto=https',
      { protocol: 'http', headers: { forwarded: 'for=192.0.2.1;proto=https;by=proxy' } },
      true,
      true,
    ],
    [
      'Forwarded with quoted proto',
      { protocol: 'http', headers: { forwarded: 'proto="https", proto=http' } },
      true,
      true,
    ],
    ['trusted proxy sent no header -> connection decides', { protocol: 'https', headers: {} }, true, true],
  ])('isSecureTransport: %s -> %s', (_name, request, trustProxy, secure) => {
    expect(isSecureTransport(request, { trustProxy })).toBe(secure)
  })

  test('requireSecureTransport: http -> 403 INSECURE_TRANSPORT with a suggestion to use https', () => {
    expect(() => requireSecureTransport({ protocol: 'http', headers: {} })).toThrow(HttpProblem)
    expect(() => requireSecureTransport({ protocol: 'http', headers: {} })).toThrow(
      expect.objectContaining({
        status: 403,
        code: 'INSECURE_TRANSPORT',
        suggestion: expect.stringMatching(/https:\/\//),
      }),
    )
  })
})
