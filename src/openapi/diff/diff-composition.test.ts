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
