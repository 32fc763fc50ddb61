import * as crypto from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { hashApiKeySecret, verifyApiKeySecret } from './api-key-secret.ts'

// node:crypto with timingSafeEqual wrapped in a spy (the real function still runs): the test shows
// which comparison verifyApiKeySecret uses, never how long it takes.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

const pepper = 'a-pepper-that-is-at-least-32-bytes-long!'
const spy = vi.mocked(crypto.timingSafeEqual)

describe('API key secrets are compared with crypto.timingSafeEqual on fixed-length digests', () => {
  test.each([
    { name: 'the right secret', presented: 'the-secret', expected: true },
    { name: 'a wrong secret of the same length', presented: 'the-secreT', expected: false },
    { name: 'a one-character secret', presented: 'x', expected: false },
    { name: 'a 10 000-character secret', presented: 'x'.repeat(10_000), expected: false },
    { name: 'an empty secret', presented: '', expected: false },
  ])('$name -> one timingSafeEqual of two 32-byte HMAC digests, answer $expected', ({ presented, expected }) => {
    const stored = hashApiKeySecret('the-secret', pepper)
    const before = spy.mock.calls.length
    expect(verifyApiKeySecret(presented, stored, pepper)).toBe(expected)
    expect(spy.mock.calls.length - before).toBe(1)
    const [a, b] = spy.mock.calls[before]! as [Buffer, Buffer]
    expect([a.length, b.length]).toEqual([32, 32])
  })

  test('a stored hash that is malformed or of another length -> still one 32-byte comparison, and false', () => {
    for (const stored of ['', 'plain-text-secret', 'hmac-sha256:AAAA', `hmac-sha256:${'A'.repeat(100)}`]) {
      const before = spy.mock.calls.length
      expect(verifyApiKeySecret('the-secret', stored, pepper)).toBe(false)
      expect(spy.mock.calls.length - before).toBe(1)
      expect((spy.mock.calls[before]![0] as Buffer).length).toBe(32)
    }
  })
})
