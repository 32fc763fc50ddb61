import { createServer, type Server } from 'node:http'
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { createClient, isApiError } from 'strata/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from './start-example.ts'

// strata/client's OAuth2 client credentials against the control-plane example: a loopback identity
// provider issues short-lived ES256 tokens at /token and serves their keys at /jwks.json; the example
// verifies them with jose. The client fetches, shares and refreshes tokens on its own.

const ADMIN = { id: 'OAUTHCLIENTADMIN', secret: 'admin-secret-for-the-client-oauth-suite' }
const ISSUER = 'https://idp.test'
const AUDIENCE = 'https://api.control-plane.test'
const CLIENT = { id: 'ci-robot', secret: 'robot-secret' }
const LIFETIME_SECONDS = 2

let idp: Server
let idpUrl: string
let cp: RunningExample
let privateKey: CryptoKey
let orgId: string
const issued: string[] = []

beforeAll(async () => {
  const pair = await generateKeyPair('ES256')
  privateKey = pair.privateKey
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
  idp = createServer(async (req, res) => {
    if (req.url === '/jwks.json')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
    const expected = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`
    if (req.url !== '/token' || req.method !== 'POST' || req.headers.authorization !== expected)
      return res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid_client', error_description: 'Client authentication failed' }))
    const token = await new SignJWT({ org_id: orgId, scope: 'env:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(CLIENT.id)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .sign(privateKey)
    issued.push(token)
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: LIFETIME_SECONDS }))
  })
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve))
  const address = idp.address()
  idpUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  cp = await startExample('control-plane', {
    BOOTSTRAP_API_KEY: `${ADMIN.id}:${ADMIN.secret}`,
    OAUTH_JWKS_URL: `${idpUrl}/jwks.json`,
    OAUTH_ISSUER: ISSUER,
    OAUTH_AUDIENCE: AUDIENCE,
  })
  const admin = createClient({ baseUrl: cp.url, auth: { apiKey: ADMIN } })
  const env = (await admin.post('/org/v2/environments', { body: { display_name: 'robots' } })).body as {
    metadata: { resource_name: string }
  }
  orgId = /organization=([^/]+)/.exec(env.metadata.resource_name)![1]!
}, 60_000)

afterAll(async () => {
  await cp?.stop()
  idp?.close()
})

describe('OAuth2 client credentials against the control-plane example', () => {
  test('five concurrent calls -> one token; after half its 2 s life -> a fresh token, still 200', async () => {
    const client = createClient({
      baseUrl: cp.url,
      auth: { oauth2: { tokenUrl: `${idpUrl}/token`, clientId: CLIENT.id, clientSecret: CLIENT.secret } },
    })
    const before = issued.length
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.get('/org/v2/environments')))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(issued.length - before).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const later = await client.get('/org/v2/environments')
    expect(later.status).toBe(200)
    expect(issued.length - before).toBe(2)
    expect((later.body as { data: { display_name: string }[] }).data.map((e) => e.display_name)).toContain('robots')
  })

  test('wrong client secret -> ApiError 401 invalid_client naming the token endpoint', async () => {
    const client = createClient({
      baseUrl: cp.url,
      auth: { oauth2: { tokenUrl: `${idpUrl}/token`, clientId: CLIENT.id, clientSecret: 'wrong' } },
    })
    const error = await client.get('/org/v2/environments').catch((e: unknown) => e)
    expect(isApiError(error, 401)).toBe(true)
    expect(error).toMatchObject({ code: 'invalid_client', url: `${idpUrl}/token` })
  })
})
