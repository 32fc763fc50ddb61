import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import { createJwtVerifier, type JwtVerifier, requireScopes, scopesOf } from './index.ts'

const ISSUER = 'https://idp.example.com/'
const AUDIENCE = 'https://api.example.com'
let signingKey: CryptoKey
let otherKey: CryptoKey
let publicJwk: JWK
let verifier: JwtVerifier

beforeAll(async () => {
  const pair = await generateKeyPair('ES256')
  const other = await generateKeyPair('ES256')
  signingKey = pair.privateKey
  otherKey = other.privateKey
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
  verifier = createJwtVerifier({ jwks: { keys: [publicJwk] }, issuer: ISSUER, audience: AUDIENCE })
})

function sign(claims: JWTPayload = {}, options: { key?: CryptoKey; exp?: string | number; aud?: string } = {}) {
  return new SignJWT({ scope: 'cloud:read cloud:write', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setSubject('u-rst9876')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? signingKey)
}

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise
  } catch (err) {
    if (err instanceof HttpProblem) return err
    throw err
  }
  throw new Error('expected an HttpProblem')
}

function expectInvalidToken(problem: HttpProblem, description: string) {
  expect(problem).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: `The access token ${description}` })
  expect(problem.headers?.['WWW-Authenticate']).toBe(
    `Bearer realm="api", error="invalid_token", error_description="The access token ${description}"`,
  )
}

describe('bearer JWTs against a local JWKS', () => {
  test('valid token -> user principal via jwt with scopes from scope', async () => {
    const principal = await verifier.verify(await sign({ jti: 'tok-1' }))
    expect(principal).toEqual({
      id: 'u-rst9876',
      kind: 'user',
      scopes: ['cloud:read', 'cloud:write'],
      via: 'jwt',
      credentialId: 'tok-1',
    })
  })

  test('expired token -> 401 invalid_token "has expired"', async () => {
    const token = await sign({}, { exp: Math.floor(Date.now() / 1000) - 60 })
    expectInvalidToken(await problemOf(verifier.verify(token)), 'has expired')
  })

  test('token expired for the injected clock only -> 401; current for it -> accepted', async () => {
    const token = await sign({}, { exp: '1m' })
    const later = createJwtVerifier({
      jwks: { keys: [publicJwk] },
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => new Date(Date.now() + 3_600_000),
    })
    expectInvalidToken(await problemOf(later.verify(token)), 'has expired')
    expect((await verifier.verify(token)).id).toBe('u-rst9876')
  })

  test('wrong audience -> 401 naming the aud claim', async () => {
    const token = await sign({}, { aud: 'https://other-api.example.com' })
    expectInvalidToken(await problemOf(verifier.verify(token)), 'has an unacceptable aud claim')
  })

  test('wrong issuer -> 401 naming the iss claim', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://evil.example/')
      .setAudience(AUDIENCE)
      .setSubject('u-1')
      .setExpirationTime('5m')
      .sign(signingKey)
    expectInvalidToken(await problemOf(verifier.verify(token)), 'has an unacceptable iss claim')
  })

  test('signed by another key with the same kid -> 401 "is not valid"', async () => {
    expectInvalidToken(await problemOf(verifier.verify(await sign({}, { key: otherKey }))), 'is not valid')
  })

  test('alg none (unsecured JWT) -> 401 "is not valid"', async () => {
    const token = new UnsecuredJWT({ sub: 'u-1', scope: 'admin' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .encode()
    expectInvalidToken(await problemOf(verifier.verify(token)), 'is not valid')
  })

  test('HS256 token (algorithm confusion) -> 401 "is not valid"', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u-1')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)))
    expectInvalidToken(await problemOf(verifier.verify(token)), 'is not valid')
  })

  test('no sub claim -> 401', async () => {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(signingKey)
    expect((await problemOf(verifier.verify(token))).status).toBe(401)
  })

  test('garbage token -> 401, never a 500', async () => {
    expectInvalidToken(await problemOf(verifier.verify('not.a.jwt')), 'is not valid')
  })

  test('toPrincipal mapping -> service account with organization from custom claims', async () => {
    const mapped = createJwtVerifier({
      jwks: { keys: [publicJwk] },
      issuer: ISSUER,
      audience: AUDIENCE,
      toPrincipal: (claims) => ({
        id: String(claims.sub),
        kind: 'service-account',
        organizationId: String(claims.org_id),
      }),
    })
    expect(await mapped.verify(await sign({ org_id: 'org-7', scope: undefined, scp: ['a', 'b', 'a'] }))).toMatchObject({
      kind: 'service-account',
      organizationId: 'org-7',
      scopes: ['a', 'b'],
    })
  })

  test('scopesOf: scope string, scp string, scp array, none -> scope lists', () => {
    expect(scopesOf({ scope: 'a  b' })).toEqual(['a', 'b'])
    expect(scopesOf({ scp: 'c d' })).toEqual(['c', 'd'])
    expect(scopesOf({ scp: ['e', 7, 'f'] })).toEqual(['e', 'f'])
    expect(scopesOf({})).toEqual([])
  })
})

describe('scopes', () => {
  test('requireScopes: jwt principal missing a scope -> 403 FORBIDDEN with insufficient_scope challenge', async () => {
    const principal = await verifier.verify(await sign())
    expect(() => requireScopes(principal, ['cloud:read'])).not.toThrow()
    expect(() => requireScopes(principal, ['cloud:read', 'partner:create'])).toThrow(
      expect.objectContaining({
        status: 403,
        code: 'FORBIDDEN',
        message: 'The credentials lack the scope partner:create this request needs',
        headers: expect.objectContaining({
          'WWW-Authenticate':
            'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks a required scope", scope="cloud:read partner:create"',
        }),
      }),
    )
  })

  test('requireScopes: api-key principal missing scopes -> 403 without a bearer challenge', () => {
    const principal = { id: 'sa-1', kind: 'service-account', scopes: [], via: 'api-key' } as const
    expect(() => requireScopes(principal, ['a', 'b'])).toThrow(/lack the scopes a, b/)
    expect(() => requireScopes(principal, ['a'])).toThrow(
      expect.objectContaining({ status: 403, code: 'FORBIDDEN', headers: undefined }),
    )
  })
})

describe('bearer JWTs against a remote JWKS', () => {
  let server: Server
  let base: string
  let hang = false

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (hang) return // never answers: the verifier must time out, not hang the request
      if (req.url === '/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }))
      } else res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  test('createRemoteJWKSet over HTTP: valid token -> principal; wrong signature -> 401', async () => {
    const remote = createJwtVerifier({ jwks: new URL(`${base}/jwks.json`), issuer: ISSUER, audience: AUDIENCE })
    expect((await remote.verify(await sign())).id).toBe('u-rst9876')
    expect(await problemOf(remote.verify(await sign({}, { key: otherKey })))).toMatchObject({ status: 401 })
  })

  test('JWKS endpoint 404 -> 500 INTERNAL, the token is not blamed', async () => {
    const remote = createJwtVerifier({ jwks: new URL(`${base}/missing.json`), issuer: ISSUER, audience: AUDIENCE })
    expect(await problemOf(remote.verify(await sign()))).toMatchObject({ status: 500, code: 'INTERNAL' })
  })

  test('JWKS endpoint never answers -> 500 INTERNAL after the timeout, no hang', async () => {
    hang = true
    try {
      const remote = createJwtVerifier({
        jwks: new URL(`${base}/jwks.json`),
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksTimeoutMs: 200,
      })
      expect(await problemOf(remote.verify(await sign()))).toMatchObject({ status: 500, code: 'INTERNAL' })
    } finally {
      hang = false
    }
  })
})
