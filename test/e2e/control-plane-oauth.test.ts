import { createServer, type Server } from 'node:http'
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from './start-example.ts'

// OAuth2 bearer access tokens on the control-plane example: a real JWKS served over HTTP on
// loopback, tokens signed in the test, verified by the example through jose.

const ADMIN = 'OAUTHADMIN'
const ADMIN_SECRET = 'admin-secret-for-the-oauth-suite-01'
const ISSUER = 'https://idp.test'
const AUDIENCE = 'https://api.control-plane.test'

let jwks: Server
let cp: RunningExample
let privateKey: CryptoKey
let orgId: string

const token = (claims: Record<string, unknown>, audience = AUDIENCE) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject('u-alice')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey)

beforeAll(async () => {
  const pair = await generateKeyPair('ES256')
  privateKey = pair.privateKey
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve))
  const address = jwks.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  cp = await startExample('control-plane', {
    BOOTSTRAP_API_KEY: `${ADMIN}:${ADMIN_SECRET}`,
    OAUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    OAUTH_ISSUER: ISSUER,
    OAUTH_AUDIENCE: AUDIENCE,
  })
  const created = await fetch(`${cp.url}/org/v2/environments`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${ADMIN}:${ADMIN_SECRET}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ display_name: 'shared' }),
  })
  const body = (await created.json()) as { metadata: { resource_name: string } }
  orgId = /organization=([^/]+)/.exec(body.metadata.resource_name)![1]!
}, 60_000)

afterAll(async () => {
  await cp?.stop()
  jwks?.close()
})

describe('control-plane example with OAuth bearer tokens', () => {
  test('valid token for a user of the organization -> sees its environments, rate-limited as that user', async () => {
    const res = await fetch(`${cp.url}/org/v2/environments`, {
      headers: { authorization: `Bearer ${await token({ org_id: orgId, scope: 'env:read' })}` },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: { display_name: string }[] }
    expect(body.data.map((e) => e.display_name)).toContain('shared')
    expect(res.headers.get('ratelimit')).toMatch(/"principal";r=\d+/)
  })

  test('token for another audience -> 401 in the envelope with a Bearer challenge', async () => {
    const res = await fetch(`${cp.url}/org/v2/environments`, {
      headers: { authorization: `Bearer ${await token({ org_id: orgId }, 'https://other.test')}` },
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="control-plane"/)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED')
  })

  test('garbage bearer token -> 401, not a 500', async () => {
    const res = await fetch(`${cp.url}/org/v2/environments`, { headers: { authorization: 'Bearer not.a.jwt' } })
    expect(res.status).toBe(401)
  })
})
