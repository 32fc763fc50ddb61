import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  buildCrn,
  type Crn,
  CrnParseError,
  childCrn,
  crnId,
  formatCrn,
  isCrnParseError,
  parentCrn,
  parseCrn,
  safeParseCrn,
} from './index.ts'

const ORG = '9bb441c4-edef-46ac-8a41-c49e44a3fd9a'

// Every example CRN from the Confluent seed (001), except the KEK row whose "//" is an empty segment.
const seedExamples = [
  `crn://confluent.cloud/organization=${ORG}`,
  `crn://confluent.cloud/organization=${ORG}/environment=env-456xy`,
  `crn://confluent.cloud/organization=${ORG}/user=u-rst9876`,
  `crn://confluent.cloud/organization=${ORG}/user=u-zyx98/api-key=ABCDEFG9876543210`,
  `crn://confluent.cloud/organization=${ORG}/service-account=sa-abc1234`,
  `crn://confluent.cloud/organization=${ORG}/environment=env-456xy/cloud-cluster=lkc-123abc/kafka=lkc-123abc`,
  `crn://confluent.cloud/organization=${ORG}/environment=env-456xy/cloud-cluster=lkc-123abc/kafka=lkc-123abc/topic=my_kafka_topic`,
  `crn://confluent.cloud/organization=${ORG}/environment=env-456xy/network=n-123abc/private-link-access=pla-123abc`,
  `crn://confluent.cloud/organization=${ORG}/environment=env-456xy/schema-registry=lsrc-789qw/subject=test`,
  'crn://confluent.cloud/kafka=lkc-xsi8201/broker=2',
]

const segmentType = fc.stringMatching(/^[a-z][a-z0-9]{0,8}(?:-[a-z0-9]{1,6}){0,2}$/)
const segmentId = fc.string({ minLength: 1, maxLength: 24, unit: 'binary' })
const authority = fc.constantFrom('confluent.cloud', 'mds.example.com:8090', 'localhost')
const crnArbitrary: fc.Arbitrary<Crn> = fc.record({
  authority,
  segments: fc.array(fc.record({ type: segmentType, id: segmentId }), { minLength: 1, maxLength: 7 }),
})

describe('build', () => {
  test('buildCrn: organization / environment / cloud-cluster chain -> seed form', () => {
    expect(
      buildCrn([
        ['organization', ORG],
        ['environment', 'env-456xy'],
        ['cloud-cluster', 'lkc-123abc'],
      ]),
    ).toBe(`crn://confluent.cloud/organization=${ORG}/environment=env-456xy/cloud-cluster=lkc-123abc`)
  })

  test('buildCrn: id with "/", "=", "%" and a space -> escaped, parsed back unchanged', () => {
    const text = buildCrn([{ type: 'topic', id: 'a/b=c%d e' }])
    expect(text).toBe('crn://confluent.cloud/topic=a%2Fb%3Dc%25d%20e')
    expect(parseCrn(text).segments[0]?.id).toBe('a/b=c%d e')
  })

  test('buildCrn: self-managed authority with a port -> used as the authority', () => {
    expect(buildCrn([['kafka', 'k1']], { authority: 'mds.example.com:8090' })).toBe(
      'crn://mds.example.com:8090/kafka=k1',
    )
  })

  test('buildCrn: empty chain, bad type, empty id or bad authority -> STRATA_ERR_CRN_INVALID saying what to use', () => {
    expect(() => buildCrn([])).toThrow(/at least one type=id segment/)
    expect(() => buildCrn([['Cloud_Cluster', 'x']])).toThrow(/lower kebab-case/)
    expect(() => buildCrn([['kafka', '']])).toThrow(/empty id/)
    expect(() => buildCrn([['kafka', 'k']], { authority: 'a/b' })).toThrow(/not a host name/)
    for (const bad of [[], [['Cloud_Cluster', 'x']], [['kafka', '']]] as const) {
      expect(() => buildCrn(bad)).toThrow(expect.objectContaining({ code: 'STRATA_ERR_CRN_INVALID' }))
    }
  })
})

describe('parse', () => {
  test.each(seedExamples)('parseCrn: seed example %s -> parses and formats back identically', (text) => {
    expect(formatCrn(parseCrn(text))).toBe(text)
  })

  test('parseCrn: cluster CRN -> segments outermost first, ids looked up by type', () => {
    const crn = parseCrn(`crn://confluent.cloud/organization=${ORG}/environment=env-456xy/cloud-cluster=lkc-1`)
    expect(crn.authority).toBe('confluent.cloud')
    expect(crn.segments.map((s) => s.type)).toEqual(['organization', 'environment', 'cloud-cluster'])
    expect(crnId(crn, 'environment')).toBe('env-456xy')
    expect(crnId(crn, 'kafka')).toBeUndefined()
  })

  test.each([
    [42, 'not_a_string', 0],
    ['https://confluent.cloud/kafka=1', 'scheme', 0],
    ['crn://bad host/kafka=1', 'authority', 6],
    ['crn://confluent.cloud', 'empty', 21],
    ['crn://confluent.cloud/', 'empty', 22],
    ['crn://confluent.cloud/organization=o//kek=k', 'empty_segment', 37],
    ['crn://confluent.cloud/organization=o/', 'empty_segment', 37],
    ['crn://confluent.cloud/organization', 'segment_without_equals', 22],
    ['crn://confluent.cloud/Org=1', 'segment_type', 22],
    ['crn://confluent.cloud/org=', 'empty_id', 26],
    ['crn://confluent.cloud/org=%E0%A4%A', 'escape', 26],
    [`crn://confluent.cloud/org=${'x'.repeat(5000)}`, 'too_long', 4096],
  ])('safeParseCrn: %s -> issue %s at offset %i, no throw', (input, code, offset) => {
    const result = safeParseCrn(input)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issue).toMatchObject({ code, offset })
  })

  test('parseCrn: malformed input -> CrnParseError carrying the issue and the input', () => {
    let caught: unknown
    try {
      parseCrn('crn://confluent.cloud/organization')
    } catch (err) {
      caught = err
    }
    expect(isCrnParseError(caught)).toBe(true)
    expect(caught).toBeInstanceOf(CrnParseError)
    const error = caught as CrnParseError
    expect(error.issue.code).toBe('segment_without_equals')
    expect(error.message).toBe(
      'Cannot parse CRN "crn://confluent.cloud/organization": The segment "organization" is not of the form type=id',
    )
  })
})

describe('walk', () => {
  test('childCrn / parentCrn: deeper then shallower chain -> same CRN back; top level has no parent', () => {
    const env = parseCrn(`crn://confluent.cloud/organization=${ORG}/environment=env-456xy`)
    const cluster = childCrn(env, 'cloud-cluster', 'lkc-1')
    expect(formatCrn(cluster)).toBe(
      `crn://confluent.cloud/organization=${ORG}/environment=env-456xy/cloud-cluster=lkc-1`,
    )
    expect(parentCrn(cluster)).toEqual(env)
    expect(parentCrn(parseCrn(`crn://confluent.cloud/organization=${ORG}`))).toBeUndefined()
  })
})

describe('round trip (property)', () => {
  test('parseCrn(formatCrn(crn)): any authority, chain depth 1-7, any id text -> the same CRN', () => {
    fc.assert(
      fc.property(crnArbitrary, (crn) => {
        expect(parseCrn(formatCrn(crn))).toEqual(crn)
      }),
      { numRuns: 500 },
    )
  })

  test('formatCrn(parseCrn(text)): canonical CRN text -> the same text', () => {
    fc.assert(
      fc.property(crnArbitrary, (crn) => {
        const text = formatCrn(crn)
        expect(formatCrn(parseCrn(text))).toBe(text)
      }),
      { numRuns: 500 },
    )
  })

  test('safeParseCrn: arbitrary strings -> never throws, always ok or an issue', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `crn://confluent.cloud/${s}`),
        ),
        (text) => {
          const result = safeParseCrn(text)
          expect(typeof result.ok).toBe('boolean')
        },
      ),
      { numRuns: 1000 },
    )
  })
})

test('escapeCrnId: id with an unpaired surrogate -> STRATA_ERR_CRN_INVALID, not URIError', () => {
  expect(() => buildCrn([['topic', 'a\ud800b']])).toThrow(expect.objectContaining({ code: 'STRATA_ERR_CRN_INVALID' }))
})
