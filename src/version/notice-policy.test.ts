import { describe, expect, test } from 'vitest'
import { describeNotice, earliestSunset, noticePolicies } from './notice-policy.ts'

const day = (d: Date): string => d.toISOString().slice(0, 10)

describe('notice policies', () => {
  test('12 months: deprecated 2025-03-15 -> earliest sunset 2026-03-15', () => {
    expect(day(earliestSunset(new Date('2025-03-15'), noticePolicies.twelveMonths))).toBe('2026-03-15')
  })

  test('12 months: deprecated on 2024-02-29 -> earliest sunset the last day of February 2025', () => {
    expect(day(earliestSunset(new Date('2024-02-29'), noticePolicies.twelveMonths))).toBe('2025-02-28')
  })

  test('1 month: deprecated on January 31 -> earliest sunset the last day of February, not March', () => {
    expect(day(earliestSunset(new Date('2025-01-31'), { name: 'month', months: 1 }))).toBe('2025-02-28')
  })

  test('180 days: deprecated 2025-01-01 -> earliest sunset 2025-06-30', () => {
    expect(day(earliestSunset(new Date('2025-01-01'), noticePolicies.days180))).toBe('2025-06-30')
  })

  test('custom policy with negative days -> STRATA_ERR_LIFECYCLE_INVALID_POLICY', () => {
    expect(() => earliestSunset(new Date('2025-01-01'), { name: 'bad', days: -1 })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_LIFECYCLE_INVALID_POLICY' }),
    )
    expect(() => earliestSunset(new Date('2025-01-01'), { name: 'bad', days: 1.5 })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_LIFECYCLE_INVALID_POLICY' }),
    )
  })

  test('describeNotice: presets -> words a message can use', () => {
    expect(describeNotice(noticePolicies.days180)).toBe('180 days')
    expect(describeNotice(noticePolicies.twelveMonths)).toBe('12 months')
    expect(describeNotice({ name: 'mixed', months: 1, days: 5 })).toBe('1 month and 5 days')
  })
})
