import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { isApiError } from './api-error.ts'
import { basicCredentials } from './basic-credentials.ts'
import { createClient } from './create-client.ts'
import { isNetworkError } from './network-error.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** A token endpoint at /token (tokens t1, t2, ... living `expiresIn` seconds) and an API that accepts the newest. */
async function oauthServer(expiresIn: number | undefined, reject: (token: string) => boolean = () => false) {
  let issued = 0
  server = await startScriptedServer((req, res) => {
    if (req.url === '/token') {
      if (req.headers.authorization !== basicCredentials('client-1', 's3cret'))
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unknown client' })
      issued++
      return sendJson(res, 200, {
        access_token: `t${issued}`,
        token_type: 'Bearer',
        ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}),
      })
    }
    const token = String(req.headers.authorization).replace('Bearer ', '')
    sendJson(res, reject(token) ? 401 : 200, { token })
  })
  return server
}
const oauth = (url: string, clientSecret = 's3cret') => ({
  oauth2: { tokenUrl: `${url}/token`, clientId: 'client-1', clientSecret, scope: 'read' },
})

describe('auth', () => {
  test("API key -> Authorization: Basic base64(id:secret), the seed's example exactly", async () => {
    server = await startScriptedServer((_req, res) => sendJson(res, 200, {}))
    await createClient({
      baseUrl: server.url,
      auth: { apiKey: { id: 'ABCDEFGH123456789', secret: 'XNCIW93I2L1SQPJSJ823K1LS902KLDFMCZPWEO' } },
    }).get('/x')
    expect(server.requests[0]?.headers.authorization).toBe(
      'Basic QUJDREVGR0gxMjM0NTY3ODk6WE5DSVc5M0kyTDFTUVBKU0o4MjNLMUxTOTAyS0xERk1DWlBXRU8=',
    )
  })

  test('bearer from a function -> asked on every attempt; a caller-set Authorization wins', async () => {
    server = await startScriptedServer((_req, res, n) => sendJson(res, n === 0 ? 503 : 200, {}))
    let calls = 0
    const client = createClient({
      baseUrl: server.url,
      retry: { baseDelayMs: 1 },
      auth: { bearer: () => `jwt-${++calls}` },
    })
    await client.get('/x')
    await client.get('/x', { headers: { authorization: 'Bearer mine' } })
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer jwt-2', 'Bearer mine'])
  })

  test('OAuth2 client credentials -> one token for concurrent requests, form-encoded grant with Basic client auth', async () => {
    const s = await oauthServer(3600)
    const client = createClient({ baseUrl: s.url, auth: oauth(s.url) })
    const answers = await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')])
    expect(answers.map((a) => (a.body as { token: string }).token)).toEqual(['t1', 't1', 't1'])
    const grants = s.requests.filter((r) => r.url === '/token')
    expect(grants).toHaveLength(1)
    expect(grants[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(grants[0]?.body).toBe('grant_type=client_credentials&scope=read')
  })

  test('OAuth2 token living 1 s -> refreshed before it expires (at half its life), not after a 401', async () => {
    const s = await oauthServer(1)
    const client = createClient({ baseUrl: s.url, auth: oauth(s.url) })
    expect(((await client.get('/a')).body as { token: string }).token).toBe('t1')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(((await client.get('/a')).body as { token: string }).token).toBe('t2')
    expect(s.requests.filter((r) => r.url !== '/token').every((r) => r.headers.authorization !== undefined)).toBe(true)
  })

  test('OAuth2 token revoked (API answers 401 to t1) -> one new token, the request succeeds', async () => {
    const s = await oauthServer(undefined, (token) => token === 't1')
    const res = await createClient({ baseUrl: s.url, auth: oauth(s.url) }).get('/a')
    expect(res.body).toEqual({ token: 't2' })
  })

  test('OAuth2 wrong client secret -> ApiError from the token endpoint, code invalid_client', async () => {
    const s = await oauthServer(3600)
    const error = await createClient({ baseUrl: s.url, auth: oauth(s.url, 'wrong') })
      .get('/a')
      .catch((e: unknown) => e)
    expect(isApiError(error, 401)).toBe(true)
    expect(error).toMatchObject({ code: 'invalid_client', url: `${s.url}/token` })
  })
})

test('OAuth2 token endpoint unreachable -> NetworkError naming the token URL', async () => {
  server = await startScriptedServer((_req, res) => sendJson(res, 200, {}))
  const error = await createClient({
    baseUrl: server.url,
    auth: { oauth2: { tokenUrl: 'http://127.0.0.1:9/token', clientId: 'c', clientSecret: 's' } },
  })
    .get('/x')
    .catch((e: unknown) => e)
  expect(isNetworkError(error)).toBe(true)
  expect((error as Error).message).toMatch(/^POST http:\/\/127\.0\.0\.1:9\/token failed after 1 attempt/)
  expect(server.requests).toHaveLength(0)
})
