import { describe, expect, test } from 'vitest'
import { defineApi } from '../api/index.ts'
import { fromHeader } from '../negotiate/index.ts'
import { defineVersions, integerScheme, type NoticePolicy, noticePolicies } from '../version/index.ts'
import type { NoticeOptions } from './notice-options.ts'
import { minimumNoticeDays } from './notice-options.ts'

const define = (policy: NoticePolicy, notices?: NoticeOptions) =>
  defineApi({
    versions: defineVersions({ scheme: integerScheme(), policy, versions: [{ id: '1' }] }),
    scopes: { devices: { versions: defineVersions({ scheme: integerScheme(), policy, versions: [{ id: '1' }] }) } },
    negotiation: { sources: [fromHeader('X-API-Version')], default: 'latest' },
    ...(notices !== undefined ? { notices } : {}),
  })

describe('notice options, checked when the API is defined', () => {
  test('no reminders configured -> 90, 30 and 7 days; under a 60-day policy only those that fit', () => {
    expect(define(noticePolicies.days180).notices.remindersOf(undefined)).toEqual([90, 30, 7])
    expect(define({ name: '60-days', days: 60 }).notices.remindersOf('devices')).toEqual([30, 7])
    expect(define(noticePolicies.none).notices.remindersOf(undefined)).toEqual([])
  })

  test('per-scope reminders -> that scope uses them, the others the API-wide ones', () => {
    const api = define(noticePolicies.days180, { reminders: [60], scopes: { devices: { reminders: [14, 45] } } })
    expect(api.notices.remindersOf('devices')).toEqual([45, 14])
    expect(api.notices.remindersOf(undefined)).toEqual([60])
  })

  test('a reminder further before sunset than the policy guarantees -> STRATA_ERR_NOTICES_REMINDER_BEYOND_NOTICE naming the most allowed', () => {
    expect(() => define(noticePolicies.days180, { scopes: { devices: { reminders: [200, 30] } } })).toThrow(
      expect.objectContaining({
        code: 'STRATA_ERR_NOTICES_REMINDER_BEYOND_NOTICE',
        message: expect.stringContaining(
          "scope 'devices' reminds 200 days before sunset, but its policy '180-days' promises only 180 days of notice",
        ),
      }),
    )
  })

  test.each([[[0]], [[1.5]], [[7, 7]]])('reminders %j -> STRATA_ERR_NOTICES_INVALID_REMINDER', (reminders) => {
    expect(() => define(noticePolicies.days180, { reminders })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_NOTICES_INVALID_REMINDER' }),
    )
  })

  test('reminders for a scope the API does not declare -> STRATA_ERR_API_UNKNOWN_SCOPE', () => {
    expect(() => define(noticePolicies.days180, { scopes: { nope: { reminders: [7] } } })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_API_UNKNOWN_SCOPE' }),
    )
  })

  test('12-month policy -> at least 365 days whatever the deprecation date; 1 month -> 28', () => {
    expect(minimumNoticeDays(noticePolicies.twelveMonths)).toBe(365)
    expect(minimumNoticeDays({ name: 'month', months: 1 })).toBe(28)
  })
})
