import { describe, expect, test } from 'vitest'
import { brief, diff, requestBody, responseBody } from '../../../test/helpers/openapi-pair.ts'

const body = '#/paths/~1pets/post/requestBody/content/application~1json/schema'
const res = '#/paths/~1pets/get/responses/200/content/application~1json/schema'

describe('enums and const', () => {
  test('request enum value removed -> breaking; added -> info', () => {
    expect(
      brief(diff(requestBody({ type: 'string', enum: ['a', 'b'] }), requestBody({ type: 'string', enum: ['a', 'c'] }))),
    ).toEqual([`breaking request-enum-value-removed ${body}`, `info request-enum-value-added ${body}`])
  })

  test('request became enum -> breaking', () => {
    expect(brief(diff(requestBody({ type: 'string' }), requestBody({ type: 'string', enum: ['a'] })))).toEqual([
      `breaking request-became-enum ${body}`,
    ])
  })

  test('response enum value added -> breaking; x-extensible-enum value added -> info', () => {
    expect(
      brief(diff(responseBody({ type: 'string', enum: ['a'] }), responseBody({ type: 'string', enum: ['a', 'b'] }))),
    ).toEqual([`breaking response-enum-value-added ${res}`])
    const ext = (values: string[]) => responseBody({ type: 'string', 'x-extensible-enum': values })
    expect(brief(diff(ext(['a']), ext(['a', 'b'])))).toEqual([`info response-extensible-enum-value-added ${res}`])
  })

  test('response const changed -> breaking (a new value clients do not expect)', () => {
    const findings = diff(responseBody({ const: 'v1' }), responseBody({ const: 'v2' }))
    expect(brief(findings)).toEqual([
      `breaking response-enum-value-added ${res}`,
      `info response-enum-value-removed ${res}`,
    ])
  })
})

describe('limits', () => {
  test('request maxItems reduced (Cognite: reducing the limit on a request) -> breaking', () => {
    const findings = diff(
      requestBody({ type: 'array', items: { type: 'integer' }, maxItems: 1000 }),
      requestBody({ type: 'array', items: { type: 'integer' }, maxItems: 100 }),
    )
    expect(brief(findings)).toEqual([`breaking request-limit-tightened ${body}`])
    expect(findings[0]?.message).toBe(
      'Request body (application/json) has a stricter maxItems from `1000` to `100`; requests that were valid may be rejected.',
    )
  })

  test('request maximum increased (Cognite: increasing the request limits) -> info', () => {
    expect(
      brief(diff(requestBody({ type: 'integer', maximum: 100 }), requestBody({ type: 'integer', maximum: 1000 }))),
    ).toEqual([`info request-limit-loosened ${body}`])
  })

  test('request minLength set where there was none -> breaking', () => {
    expect(brief(diff(requestBody({ type: 'string' }), requestBody({ type: 'string', minLength: 3 })))).toEqual([
      `breaking request-limit-tightened ${body}`,
    ])
  })

  test('3.0 exclusiveMaximum false -> true on a request -> breaking', () => {
    expect(
      brief(
        diff(
          requestBody({ type: 'number', maximum: 5 }),
          requestBody({ type: 'number', maximum: 5, exclusiveMaximum: true }),
        ),
      ),
    ).toEqual([`breaking request-limit-tightened ${body}`])
  })

  test('maximum on an array (no validation effect) -> nothing', () => {
    expect(
      brief(diff(requestBody({ type: 'array', maximum: 10 }), requestBody({ type: 'array', maximum: 5 }))),
    ).toEqual([])
  })

  test('response maxLength increased -> breaking under strict, info under confluent (opaque IDs)', async () => {
    const { confluentPolicy } = await import('../policy/presets.ts')
    const old = responseBody({ type: 'string', maxLength: 32 })
    const next = responseBody({ type: 'string', maxLength: 64 })
    expect(brief(diff(old, next))).toEqual([`breaking response-max-length-increased ${res}`])
    expect(brief(diff(old, next, { policy: confluentPolicy }))).toEqual([`info response-max-length-increased ${res}`])
  })

  test('response minimum decreased -> breaking', () => {
    expect(
      brief(diff(responseBody({ type: 'integer', minimum: 1 }), responseBody({ type: 'integer', minimum: 0 }))),
    ).toEqual([`breaking response-limit-loosened ${res}`])
  })
})

describe('patterns, defaults, keywords', () => {
  test('request pattern added -> breaking; changed -> warning', () => {
    expect(brief(diff(requestBody({ type: 'string' }), requestBody({ type: 'string', pattern: '^a' })))).toEqual([
      `breaking request-pattern-added ${body}`,
    ])
    expect(
      brief(diff(requestBody({ type: 'string', pattern: '^a' }), requestBody({ type: 'string', pattern: '^b' }))),
    ).toEqual([`warning request-pattern-changed ${body}`])
  })

  test('request default changed (a different sort order for clients that omit it) -> breaking', () => {
    expect(
      brief(diff(requestBody({ type: 'string', default: 'asc' }), requestBody({ type: 'string', default: 'desc' }))),
    ).toEqual([`breaking request-default-changed ${body}`])
  })

  test('request gains a `not` constraint -> breaking; response drops `contains` -> breaking', () => {
    expect(brief(diff(requestBody({ type: 'string' }), requestBody({ type: 'string', not: { const: 'x' } })))).toEqual([
      `breaking request-constraint-added ${body}/not`,
    ])
    expect(
      brief(diff(responseBody({ type: 'array', contains: { const: 1 } }), responseBody({ type: 'array' }))),
    ).toEqual([`breaking response-constraint-removed ${res}/contains`])
  })
})

describe('messages', () => {
  test('request default boolean true -> string "true" -> the message tells the two apart', () => {
    const findings = diff(
      requestBody({ type: 'string', enum: ['true', 'false'], default: true }),
      requestBody({ type: 'string', enum: ['true', 'false'], default: 'true' }),
    )
    expect(brief(findings)).toEqual([`breaking request-default-changed ${body}`])
    expect(findings[0]?.message).toBe(
      'Request body (application/json) default changed from `true` (boolean) to `"true"` (string); requests that omit it now behave differently.',
    )
  })
})
