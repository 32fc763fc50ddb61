import { describe, expect, test } from 'vitest'
import { HttpProblem } from '../conventions/error/index.ts'
import { defineVersions, integerScheme } from '../version/index.ts'
import { createNegotiator, type Negotiated } from './negotiate.ts'
import { fromHeader } from './source.ts'

const versions = defineVersions({
  scheme: integerScheme(),
  versions: [
    { id: '1', deprecated: '2025-07-01', sunset: '2026-02-01' },
    { id: '2', deprecated: '2026-09-01', sunset: '2027-09-01' },
    { id: '3' },
  ],
})
const negotiate = createNegotiator({ versions, sources: [fromHeader('X-API-Version')], default: 'oldest' })
const view = { method: 'GET', path: '/api/devices', query: '', headers: {} }
const used = (now: string): Negotiated => {
  const r = negotiate(view, new Date(now))
  if (r instanceof HttpProblem) throw new Error(`expected a version, got ${r.code}`)
  return r
}

describe("negotiation: default 'oldest'", () => {
  test('no header, 2026-01-15 (version 1 deprecated, not sunset) -> 1', () => {
    expect(used('2026-01-15').version.id).toBe('1')
  })

  test('no header, after version 1 is sunset -> 2, explained as the oldest supported', () => {
    const r = used('2026-03-01')
    expect([r.version.id, r.source, r.reason]).toEqual([
      '2',
      'default',
      'no version requested: the oldest supported version 2',
    ])
  })

  test('no header, after version 2 is sunset too -> 3', () => {
    expect(used('2027-09-01').version.id).toBe('3')
  })

  test('an explicit header still wins over the default -> 3', () => {
    const r = negotiate({ ...view, headers: { 'x-api-version': '3' } }, new Date('2026-03-01'))
    expect(r instanceof HttpProblem ? r.code : r.version.id).toBe('3')
  })
})
