import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { noticePolicies } from './notice-policy.ts'
import { calendarScheme, generationScheme, integerScheme } from './scheme.ts'
import { defineVersions, type VersionInput } from './version-set.ts'

const calendar = (versions: VersionInput[], policy = noticePolicies.twelveMonths) =>
  defineVersions({ scheme: calendarScheme({ form: 'compact' }), policy, versions })

const at = (text: string): Date => new Date(text)

describe('defineVersions: definition-time checks', () => {
  test('sunset before deprecation -> STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION naming both dates', () => {
    expect(() => calendar([{ id: '2023-01-01', deprecated: '2025-01-01', sunset: '2024-01-01' }])).toThrow(
      /Version 20230101 is sunset on 2024-01-01, before its deprecation on 2025-01-01.*STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION/,
    )
  })

  test('sunset without deprecation -> STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION saying how much notice to give', () => {
    expect(() => calendar([{ id: '2023-01-01', sunset: '2024-01-01' }])).toThrow(
      /add `deprecated` at least 12 months before it.*STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION/,
    )
  })

  test('notice of 6 months under the 12-month policy -> STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT naming the earliest sunset', () => {
    expect(() => calendar([{ id: '2023-01-01', deprecated: '2025-01-01', sunset: '2025-07-01' }])).toThrow(
      /requires 12 months of notice; move `sunset` to 2026-01-01 or later/,
    )
  })

  test('notice of 179 days under the 180-day policy -> rejected; 180 days -> accepted', () => {
    const v = (sunset: string) => [{ id: '1', deprecated: '2025-01-01', sunset }]
    const define = (versions: VersionInput[]) =>
      defineVersions({ scheme: integerScheme(), policy: noticePolicies.days180, versions })
    expect(() => define(v('2025-06-29'))).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT' }),
    )
    expect(() => define(v('2025-06-30'))).not.toThrow()
  })

  test('no policy given -> the 180-day default applies', () => {
    expect(defineVersions({ scheme: integerScheme(), versions: [{ id: '1' }] }).policy.name).toBe('180-days')
  })

  test('same date spelt two ways -> STRATA_ERR_VERSION_DUPLICATE', () => {
    expect(() => calendar([{ id: '2023-01-01' }, { id: '20230101' }])).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_VERSION_DUPLICATE' }),
    )
  })

  test('versions newest first -> STRATA_ERR_VERSION_UNORDERED listing the right order', () => {
    expect(() => calendar([{ id: '2024-01-01' }, { id: '2023-01-01' }])).toThrow(
      /declare them as 20230101, 20240101.*STRATA_ERR_VERSION_UNORDERED/,
    )
  })

  test('id that is not of the scheme -> STRATA_ERR_VERSION_INVALID_ID naming the expected form', () => {
    expect(() => calendar([{ id: '2023-13-01' }])).toThrow(/expected a date such as 20230205/)
    expect(() => defineVersions({ scheme: integerScheme(), versions: [{ id: 'v2' }] })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_VERSION_INVALID_ID' }),
    )
  })

  test('deprecation date that is not a date -> STRATA_ERR_VERSION_INVALID_DATE', () => {
    expect(() => calendar([{ id: '2023-01-01', deprecated: 'soon' }])).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_VERSION_INVALID_DATE' }),
    )
  })

  test('deprecated before released -> STRATA_ERR_LIFECYCLE_DEPRECATED_BEFORE_RELEASE', () => {
    expect(() => calendar([{ id: '2023-01-01', deprecated: '2022-06-01' }])).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_LIFECYCLE_DEPRECATED_BEFORE_RELEASE' }),
    )
  })

  test('GA before release -> STRATA_ERR_LIFECYCLE_GA_BEFORE_RELEASE', () => {
    expect(() => calendar([{ id: '2023-01-01', stage: 'preview', ga: '2022-06-01' }])).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_LIFECYCLE_GA_BEFORE_RELEASE' }),
    )
  })

  test('no versions -> STRATA_ERR_VERSION_EMPTY', () => {
    expect(() => calendar([])).toThrow(expect.objectContaining({ code: 'STRATA_ERR_VERSION_EMPTY' }))
  })
})

describe('version schemes', () => {
  test('calendar ids in either spelling -> one canonical form per configuration', () => {
    const iso = defineVersions({ scheme: calendarScheme(), versions: [{ id: '20230101' }] })
    expect(iso.versions[0]!.id).toBe('2023-01-01')
    expect(calendar([{ id: '2023-01-01' }]).versions[0]!.id).toBe('20230101')
  })

  test('generation ids v1 < v2 < v10 -> ordered by number, not text', () => {
    const set = defineVersions({ scheme: generationScheme(), versions: [{ id: 'v1' }, { id: 'v2' }, { id: 'v10' }] })
    expect(set.versions.map((v) => v.key)).toEqual([1, 2, 10])
    expect(set.find('v10')?.id).toBe('v10')
    expect(set.find('10')).toBeUndefined()
  })

  test.each(['0', '-1', '1.5', 'abc', '', '99999999999999999999', '01'])(
    'integer scheme: %j -> not a version',
    (text) => {
      expect(integerScheme().parse(text)).toBeUndefined()
    },
  )
})

describe('lifecycle phases over time', () => {
  const set = defineVersions({
    scheme: calendarScheme(),
    policy: noticePolicies.days180,
    versions: [
      { id: '2023-01-01', deprecated: '2024-01-01', sunset: '2024-07-01' },
      { id: '2024-01-01', stage: 'early-access', ga: '2024-03-01' },
      { id: '2024-06-01', stage: 'preview' },
    ],
  })
  const [v1, v2, v3] = set.versions as [never, never, never]

  test.each([
    ['2023-06-01', 'ga'],
    ['2024-01-01', 'deprecated'],
    ['2024-06-30', 'deprecated'],
    ['2024-07-01', 'sunset'],
  ])('deprecated-then-sunset version at %s -> %s', (now, phase) => {
    expect(set.phase(v1, at(now))).toBe(phase)
  })

  test('early-access version before and after its GA date -> early-access, then ga', () => {
    expect(set.phase(v2, at('2024-02-01'))).toBe('early-access')
    expect(set.phase(v2, at('2024-03-01'))).toBe('ga')
  })

  test('preview version with no GA date, before its release -> unreleased, then preview for good', () => {
    expect(set.phase(v3, at('2024-05-01'))).toBe('unreleased')
    expect(set.phase(v3, at('2030-01-01'))).toBe('preview')
  })

  test('supported versions in mid 2024 -> the sunset one is gone, the unreleased one not yet there', () => {
    expect(set.supported('stable', at('2024-05-01')).map((v) => v.id)).toEqual(['2023-01-01', '2024-01-01'])
    expect(set.supported('stable', at('2024-08-01')).map((v) => v.id)).toEqual(['2024-01-01', '2024-06-01'])
  })
})

describe('resolution', () => {
  const set = calendar([
    { id: '2023-01-01' },
    { id: '2023-02-01' },
    { id: '2023-02-03', channel: 'beta' },
    { id: '2024-06-01' },
    { id: '2030-01-01' },
  ])
  const now = at('2026-01-01')
  const key = (text: string) => set.scheme.parse(text)!

  test('stable 20230205 -> 20230201, skipping the beta version on 20230203', () => {
    expect(set.resolve(key('20230205'), 'stable', now, 'on-or-before')?.id).toBe('20230201')
  })

  test('beta 20230205 -> the beta version 20230203', () => {
    expect(set.resolve(key('20230205'), 'beta', now, 'on-or-before')?.id).toBe('20230203')
  })

  test('date in the future -> the newest version already released, not the one announced for 2030', () => {
    expect(set.resolve(key('20990101'), 'stable', now, 'on-or-before')?.id).toBe('20240601')
  })

  test('date before the first version -> nothing', () => {
    expect(set.resolve(key('20221231'), 'stable', now, 'on-or-before')).toBeUndefined()
  })

  test('exact match on a stable request for a beta version -> nothing', () => {
    expect(set.resolve(key('20230203'), 'stable', now, 'exact')).toBeUndefined()
  })

  test('property: on-or-before -> the newest visible released version not after the date (brute force agrees)', () => {
    const day0 = key('20221201')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom('stable' as const, 'beta' as const),
        (offset, channel) => {
          const k = day0 + offset
          const expected = [...set.versions]
            .filter((v) => v.key <= k && (channel === 'beta' || v.channel === 'stable') && v.released! <= now)
            .at(-1)
          expect(set.resolve(k, channel, now, 'on-or-before')).toBe(expected)
        },
      ),
    )
  })
})
