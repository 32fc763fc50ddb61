import { describe, expect, test } from 'vitest'
import { brief, diff, requestBody, responseBody } from '../../../test/helpers/openapi-pair.ts'

const Pet = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } }
const schemas = { Pet }
const ref = { $ref: '#/components/schemas/Pet' }
const body = '#/paths/~1pets/post/requestBody/content/application~1json/schema'
const request = (a: unknown, b: unknown) => brief(diff(requestBody(a, schemas), requestBody(b, schemas)))
const response = (a: unknown, b: unknown) => brief(diff(responseBody(a, schemas), responseBody(b, schemas)))

// A property declared by several members is reported at its first declaration.
describe('allOf: constraints a member adds are compared on the effective schema', () => {
  test('request: a member narrows a property (maxLength 3) -> breaking request-limit-tightened', () => {
    expect(request(ref, { allOf: [ref, { properties: { name: { maxLength: 3 } } }] })).toEqual([
      'breaking request-limit-tightened #/components/schemas/Pet/properties/name',
    ])
  })

  test('request: the narrowing member tightens further (maxLength 30 -> 3) -> breaking', () => {
    const narrowed = (n: number) => ({ allOf: [ref, { properties: { name: { maxLength: n } } }] })
    expect(request(narrowed(30), narrowed(3))).toEqual([
      'breaking request-limit-tightened #/components/schemas/Pet/properties/name',
    ])
  })

  test('request: a member restricts a property to an enum -> breaking request-became-enum', () => {
    expect(request(Pet, { allOf: [Pet, { properties: { name: { enum: ['rex'] } } }] })).toEqual([
      `breaking request-became-enum ${body}/allOf/0/properties/name`,
    ])
  })

  test('request: a member refuses additional properties -> breaking', () => {
    expect(request(Pet, { allOf: [Pet, { additionalProperties: false }] })).toEqual([
      `breaking request-additional-properties-restricted ${body}/additionalProperties`,
    ])
  })

  test('request: a second maximum below the first (10 and 5) -> the effective 5 is tightened', () => {
    const n = (schema: unknown) => ({ type: 'object', properties: { n: schema } })
    expect(
      request(n({ type: 'integer', maximum: 10 }), n({ allOf: [{ type: 'integer', maximum: 10 }, { maximum: 5 }] })),
    ).toEqual([`breaking request-limit-tightened ${body}/properties/n`])
  })

  test('request: items narrowed through a member (minItems on the array, enum on items) -> breaking', () => {
    const tags = (schema: unknown) => ({ type: 'object', properties: { tags: schema } })
    const findings = request(
      tags({ type: 'array', items: { type: 'string' } }),
      tags({
        allOf: [
          { type: 'array', items: { type: 'string' } },
          { minItems: 1, items: { enum: ['a', 'b'] } },
        ],
      }),
    )
    expect(findings).toContain(`breaking request-limit-tightened ${body}/properties/tags`)
    expect(findings).toContain(`breaking request-became-enum ${body}/properties/tags/items`)
  })

  test('request: a plain object split into allOf members without new constraints -> nothing', () => {
    const split = {
      allOf: [
        { type: 'object', properties: { name: { type: 'string' } } },
        { type: 'object', properties: { age: { type: 'integer' } } },
      ],
    }
    expect(request(Pet, split)).toEqual([])
  })

  test('request: a member loosens nothing when removed constraints return (allOf with maxLength -> plain) -> info', () => {
    expect(request({ allOf: [ref, { properties: { name: { maxLength: 3 } } }] }, ref)).toEqual([
      `info request-limit-loosened #/components/schemas/Pet/properties/name`,
    ])
  })

  test('response: a member narrows a property -> info only (clients read fewer values)', () => {
    expect(response(ref, { allOf: [ref, { properties: { name: { maxLength: 3 } } }] })).toEqual([
      'info response-limit-tightened #/components/schemas/Pet/properties/name',
    ])
  })
})
