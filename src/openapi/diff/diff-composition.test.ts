import { describe, expect, test } from 'vitest'
import { brief, diff, requestBody, responseBody } from '../../../test/helpers/openapi-pair.ts'

const body = '#/paths/~1pets/post/requestBody/content/application~1json/schema'
const res = '#/paths/~1pets/get/responses/200/content/application~1json/schema'
const schemas = {
  Cat: { type: 'object', properties: { meow: { type: 'string' } } },
  Dog: { type: 'object', properties: { bark: { type: 'string' } } },
}
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

describe('oneOf / anyOf / allOf', () => {
  test('request oneOf alternative removed -> breaking', () => {
    expect(
      brief(
        diff(requestBody({ oneOf: [ref('Cat'), ref('Dog')] }, schemas), requestBody({ oneOf: [ref('Cat')] }, schemas)),
      ),
    ).toEqual([`breaking request-alternative-removed ${body}/oneOf/1`])
  })

  test('response oneOf alternative added -> breaking; anyOf -> warning', () => {
    expect(
      brief(
        diff(
          responseBody({ oneOf: [ref('Cat')] }, schemas),
          responseBody({ oneOf: [ref('Cat'), ref('Dog')] }, schemas),
        ),
      ),
    ).toEqual([`breaking response-one-of-added ${res}/oneOf/1`])
    expect(
      brief(
        diff(
          responseBody({ anyOf: [ref('Cat')] }, schemas),
          responseBody({ anyOf: [ref('Cat'), ref('Dog')] }, schemas),
        ),
      ),
    ).toEqual([`warning response-any-of-added ${res}/anyOf/1`])
  })

  test('request allOf member with constraints added -> breaking; annotation-only member -> info', () => {
    const base = { allOf: [ref('Cat')] }
    expect(
      brief(diff(requestBody(base, schemas), requestBody({ allOf: [ref('Cat'), ref('Dog')] }, schemas))),
    ).toContain(`breaking request-all-of-added ${body}/allOf/1`)
    expect(
      brief(diff(requestBody(base, schemas), requestBody({ allOf: [ref('Cat'), { description: 'a cat' }] }, schemas))),
    ).toEqual([`info all-of-changed ${body}/allOf/1`])
  })

  test('request object wrapped in oneOf -> breaking', () => {
    const plain = { type: 'object', properties: { a: { type: 'string' } } }
    expect(
      brief(diff(requestBody(plain), requestBody({ oneOf: [plain, { type: 'object', required: ['b'] }] }))),
    ).toEqual([`breaking wrapped-in-one-of ${body}`])
  })

  test('request string -> oneOf [string, integer] (a list of types) -> not breaking', () => {
    const findings = diff(
      requestBody({ type: 'string' }),
      requestBody({ oneOf: [{ type: 'string' }, { type: 'integer' }] }),
    )
    expect(findings.filter((f) => f.severity === 'breaking')).toEqual([])
  })

  test('discriminator property renamed -> warning', () => {
    const d = (propertyName: string) => ({ oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName } })
    expect(brief(diff(responseBody(d('kind'), schemas), responseBody(d('type'), schemas)))).toEqual([
      `warning discriminator-changed ${res}/discriminator`,
    ])
  })
})

describe('oneOf / anyOf of required-only branches: a constraint, not a shape', () => {
  const props = { state: { type: 'string' }, reason: { type: 'string' }, id: { type: 'integer' } }
  const object = (extra: Record<string, unknown>) => ({ type: 'object', properties: props, ...extra })

  test('request required [state] -> anyOf [{ required: [state] }] (same values) -> nothing', () => {
    expect(
      brief(
        diff(requestBody(object({ required: ['state'] })), requestBody(object({ anyOf: [{ required: ['state'] }] }))),
      ),
    ).toEqual([])
  })

  test('request required [id] -> oneOf [{ required: [id] }, { required: [state] }]: breaking when old bodies could hold both, info otherwise', () => {
    const closed = { additionalProperties: false }
    const old = object({ ...closed, required: ['id'] })
    const branches = [{ required: ['id'] }, { required: ['state'] }]
    const next = object({ ...closed, oneOf: branches })
    // `state` was declared in the old body too, so an old request may carry both: oneOf then rejects it.
    expect(brief(diff(requestBody(old), requestBody(next)))).toEqual([
      `breaking request-constraint-added ${body}`,
      `info request-property-became-optional ${body}/properties/id`,
    ])
    const oldWithoutState = {
      type: 'object',
      ...closed,
      properties: { id: { type: 'integer' } },
      required: ['id'],
    }
    const nextOr = object({ ...closed, anyOf: branches })
    expect(brief(diff(requestBody(oldWithoutState), requestBody(nextOr)))).toEqual([
      `info request-property-became-optional ${body}/properties/id`,
      `info request-optional-property-added ${body}/properties/state`,
      `info request-optional-property-added ${body}/properties/reason`,
    ])
  })

  test('request anyOf [{ required: [id] }, { required: [state] }] -> required [id] (narrower) -> breaking constraint, no property removed', () => {
    const findings = diff(
      requestBody(object({ anyOf: [{ required: ['id'] }, { required: ['state'] }] })),
      requestBody(object({ required: ['id'] })),
    )
    // The narrowing is that `id` became required; the constraint adds nothing beyond it.
    expect(brief(findings)).toEqual([`breaking request-property-became-required ${body}/properties/id`])
  })

  test('response anyOf [{ required: [id] }] -> no constraint (id may be missing) -> breaking became-optional', () => {
    expect(brief(diff(responseBody(object({ anyOf: [{ required: ['id'] }] })), responseBody(object({}))))).toEqual([
      `breaking response-property-became-optional ${res}/properties/id`,
    ])
  })

  test('request object -> oneOf of required-only branches is not reported as wrapped in a oneOf', () => {
    const findings = diff(
      requestBody(object({ additionalProperties: false, required: ['id'] })),
      requestBody(object({ additionalProperties: false, oneOf: [{ required: ['id'] }, { required: ['uuid'] }] })),
    )
    // `id` alone no longer has to be sent (`uuid` would do), and nothing old clients sent is refused.
    expect(brief(findings)).toEqual([`info request-property-became-optional ${body}/properties/id`])
  })
})
