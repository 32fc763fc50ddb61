import { describe, expect, test } from 'vitest'
import { defineApi } from '../api/index.ts'
import { fromHeader } from '../negotiate/index.ts'
import { defineVersions, integerScheme, noticePolicies } from '../version/index.ts'
import type { OutboxRecord } from './outbox-record.ts'
import { planNotices } from './plan-notices.ts'
import type { UsageReport } from './usage-report.ts'

// Version 1: deprecated 2026-01-01, sunset 2026-12-01 (180-day policy); reminders due 09-02, 11-01, 11-24.
const api = defineApi({
  versions: defineVersions({
    scheme: integerScheme(),
    policy: noticePolicies.days180,
    versions: [{ id: '1', deprecated: '2026-01-01', sunset: '2026-12-01' }, { id: '2' }],
  }),
  negotiation: { sources: [fromHeader('X-API-Version')], default: 'latest' },
})

const report = (lastSeen: string): UsageReport => ({
  versions: [
    {
      scope: null,
      version: '1',
      principals: [{ principal: 'acme', requests: 4, last_seen: lastSeen, endpoints: ['GET /things'] }],
    },
    { scope: null, version: '2', principals: [{ principal: 'acme', requests: 9, last_seen: lastSeen, endpoints: [] }] },
  ],
})

const plan = (now: string, outbox: OutboxRecord[] = [], lastSeen = '2026-09-01T00:00:00Z') =>
  planNotices({
    report: report(lastSeen),
    api,
    now: new Date(now),
    since: new Date(Date.parse(now) - 30 * 86_400_000),
    outbox,
  })

const states = (p: ReturnType<typeof plan>) =>
  p.principals.flatMap((x) => x.versions.flatMap((v) => v.notices.map((n) => `${n.milestone}:${n.state}`)))

const record = (milestone: string, state: OutboxRecord['state']): OutboxRecord => ({
  principal: 'acme',
  scope: undefined,
  version: '1',
  milestone,
  state,
  message_id: '<notice.1@example.com>',
  recipient: 'dev@acme.example',
  attempts: 1,
  last_error: null,
  sent_at: state === 'sent' ? '2026-01-02T00:00:00Z' : null,
})

describe('planNotices', () => {
  test('first run after the 90-day reminder is due -> that reminder pending, the deprecation notice superseded, later ones upcoming', () => {
    expect(states(plan('2026-09-10T00:00:00Z'))).toEqual([
      'deprecation:superseded',
      'reminder-90d:pending',
      'reminder-30d:upcoming',
      'reminder-7d:upcoming',
    ])
  })

  test('deprecation sent, outbox row of the 90-day reminder left in sending -> sent and unknown with its Message-ID', () => {
    const p = plan('2026-09-10T00:00:00Z', [record('deprecation', 'sent'), record('reminder-90d', 'sending')])
    expect(states(p)).toEqual([
      'deprecation:sent',
      'reminder-90d:unknown',
      'reminder-30d:upcoming',
      'reminder-7d:upcoming',
    ])
    expect(p.principals[0]?.versions[0]?.notices[1]).toMatchObject({ messageId: '<notice.1@example.com>', attempts: 1 })
  })

  test('principal last seen before the window -> not planned; unless a notice of it is in sending (never lost)', () => {
    expect(plan('2026-09-10T00:00:00Z', [], '2026-06-01T00:00:00Z').principals).toEqual([])
    const kept = plan('2026-09-10T00:00:00Z', [record('reminder-90d', 'sending')], '2026-06-01T00:00:00Z')
    expect(kept.principals.map((p) => p.principal)).toEqual(['acme'])
    expect(states(kept)).toContain('reminder-90d:unknown')
  })

  test('version past its sunset, or not deprecated -> no notices; the successor is the newest GA version', () => {
    expect(plan('2026-12-02T00:00:00Z', [], '2026-12-01T00:00:00Z').principals).toEqual([])
    const p = plan('2026-02-01T00:00:00Z', [], '2026-01-20T00:00:00Z')
    expect(p.principals[0]?.versions.map((v) => [v.version, v.successor, v.endpoints])).toEqual([
      ['1', '2', ['GET /things']],
    ])
  })
})
