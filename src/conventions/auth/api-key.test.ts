import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../error/index.ts'
import {
  authenticateApiKey,
  createMemoryApiKeyStore,
  generateApiKey,
  hashApiKeySecret,
  parseBasicCredentials,
  verifyApiKeySecret,
} from './index.ts'

const PEPPER = 'server-pepper-of-at-least-thirty-two-bytes'
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise
  } catch (err) {
    if (err instanceof HttpProblem) return err
    throw err
  }
  throw new Error('expected an HttpProblem')
}

function storeWithKey(scopes?: readonly string[]) {
  const store = createMemoryApiKeyStore()
  store.addOwner({ id: 'sa-abc1234', kind: 'service-account', organizationId: 'org-1' })
  const key = generateApiKey()
  store.addKey({
    id: key.id,
    ownerId: 'sa-abc1234',
    secretHash: hashApiKeySecret(key.secret, PEPPER),
    ...(scopes ? { scopes } : {}),
  })
  return { store, key }
}

describe('memory API key store', () => {
  test('owner added twice -> STRATA_ERR_AUTH_OWNER_EXISTS', () => {
    const { store } = storeWithKey()
    expect(() => store.addOwner({ id: 'sa-abc1234', kind: 'service-account', organizationId: 'org-1' })).toThrow(
      /Owner sa-abc1234 already exists.*\[STRATA_ERR_AUTH_OWNER_EXISTS\]/,
    )
  })

  test('key for an owner never added -> STRATA_ERR_AUTH_UNKNOWN_OWNER, nothing stored', () => {
    const store = createMemoryApiKeyStore()
    expect(() => store.addKey({ id: 'K1', ownerId: 'sa-ghost', secretHash: 'h' })).toThrow(
      /Owner sa-ghost does not exist.*\[STRATA_ERR_AUTH_UNKNOWN_OWNER\]/,
    )
    expect(store.findKey('K1')).toBeUndefined()
  })

  test('key id added twice -> STRATA_ERR_AUTH_KEY_EXISTS, the first key kept', () => {
    const { store, key } = storeWithKey()
    const first = store.findKey(key.id)
    expect(() => store.addKey({ id: key.id, ownerId: 'sa-abc1234', secretHash: 'other' })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_AUTH_KEY_EXISTS' }),
    )
    expect(store.findKey(key.id)).toBe(first)
  })
})

describe('API key secrets', () => {
  test('generateApiKey: -> 16-char upper-case id, 64-char secret, different every time', () => {
    const a = generateApiKey()
    const b = generateApiKey()
    expect(a.id).toMatch(/^[A-Z0-9]{16}$/)
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{64}$/)
    expect(a.id).not.toBe(b.id)
    expect(a.secret).not.toBe(b.secret)
  })

  test('hashApiKeySecret: stored form -> HMAC-SHA256 tagged, not the secret; verifies only with the same pepper', () => {
    const hash = hashApiKeySecret('s3cret', PEPPER)
    expect(hash).toMatch(/^hmac-sha256:[A-Za-z0-9_-]{43}$/)
    expect(hash).not.toContain('s3cret')
    expect(verifyApiKeySecret('s3cret', hash, PEPPER)).toBe(true)
    expect(verifyApiKeySecret('s3creT', hash, PEPPER)).toBe(false)
    expect(verifyApiKeySecret('s3cret', hash, `${PEPPER}-rotated`)).toBe(false)
    expect(verifyApiKeySecret('s3cret', 'garbage', PEPPER)).toBe(false)
  })

  test('pepper shorter than 32 bytes -> STRATA_ERR_AUTH_PEPPER_TOO_SHORT', () => {
    expect(() => hashApiKeySecret('s', 'short')).toThrow(/at least 32 bytes/)
    expect(() => hashApiKeySecret('s', 'short')).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_AUTH_PEPPER_TOO_SHORT' }),
    )
  })

  test('parseBasicCredentials: seed example header -> id and secret; secret with a colon kept whole', () => {
    expect(
      parseBasicCredentials('Basic QUJDREVGR0gxMjM0NTY3ODk6WE5DSVc5M0kyTDFTUVBKU0o4MjNLMUxTOTAyS0xERk1DWlBXRU8='),
    ).toEqual({
      id: 'ABCDEFGH123456789',
      secret: 'XNCIW93I2L1SQPJSJ823K1LS902KLDFMCZPWEO',
    })
    expect(parseBasicCredentials(basic('id', 'a:b'))).toEqual({ id: 'id', secret: 'a:b' })
    expect(parseBasicCredentials('basic   aWQ6cw==')).toEqual({ id: 'id', secret: 's' })
  })

  test.each(['Bearer x', 'Basic', 'Basic !!!', 'Basic aWQ', 'Basic OnNlY3JldA=='])(
    'parseBasicCredentials(%j) -> undefined',
    (value) => {
      expect(parseBasicCredentials(value)).toBeUndefined()
    },
  )
})

describe('authenticateApiKey', () => {
  test('valid key -> principal of the owning service account, via api-key', async () => {
    const { store, key } = storeWithKey(['cloud:read'])
    expect(await authenticateApiKey(basic(key.id, key.secret), { store, pepper: PEPPER })).toEqual({
      id: 'sa-abc1234',
      kind: 'service-account',
      organizationId: 'org-1',
      scopes: ['cloud:read'],
      via: 'api-key',
      credentialId: key.id,
    })
  })

  test('wrong secret and unknown key id -> the same 401 UNAUTHENTICATED with a Basic challenge', async () => {
    const { store, key } = storeWithKey()
    const wrong = await problemOf(authenticateApiKey(basic(key.id, 'nope'), { store, pepper: PEPPER, realm: 'cloud' }))
    const unknown = await problemOf(
      authenticateApiKey(basic('NOSUCHKEY', key.secret), { store, pepper: PEPPER, realm: 'cloud' }),
    )
    for (const problem of [wrong, unknown]) {
      expect(problem).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'The API key or secret is not valid',
      })
      expect(problem.headers).toEqual({ 'WWW-Authenticate': 'Basic realm="cloud", charset="UTF-8"' })
    }
  })

  test('malformed Basic value -> 401 saying the header is not id:secret', async () => {
    const { store } = storeWithKey()
    const problem = await problemOf(authenticateApiKey('Basic %%%', { store, pepper: PEPPER }))
    expect(problem.message).toBe('The Authorization header does not hold HTTP Basic credentials in the form id:secret')
  })

  test('owner deleted -> its keys are deleted and stop authenticating; other owners keep theirs', async () => {
    const { store, key } = storeWithKey()
    store.addOwner({ id: 'u-rst9876', kind: 'user', organizationId: 'org-1' })
    const other = generateApiKey()
    store.addKey({ id: other.id, ownerId: 'u-rst9876', secretHash: hashApiKeySecret(other.secret, PEPPER) })
    expect(store.deleteOwner('sa-abc1234')).toBe(1)
    expect(store.listKeys('sa-abc1234')).toEqual([])
    await expect(authenticateApiKey(basic(key.id, key.secret), { store, pepper: PEPPER })).rejects.toThrow(HttpProblem)
    expect((await authenticateApiKey(basic(other.id, other.secret), { store, pepper: PEPPER })).kind).toBe('user')
  })

  test('memory store: key for an unknown owner or a duplicate id -> Error naming the fix', () => {
    const { store, key } = storeWithKey()
    expect(() => store.addKey({ id: 'X', ownerId: 'nobody', secretHash: 'h' })).toThrow(/add the owner before its keys/)
    expect(() => store.addKey({ id: key.id, ownerId: 'sa-abc1234', secretHash: 'h' })).toThrow(/already exists/)
    expect(store.deleteKey(key.id)).toBe(true)
    expect(store.deleteOwner('nobody')).toBe(0)
  })
})
