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

  test('discriminator property renamed -> breaking (clients dispatch on the old property)', () => {
    const d = (propertyName: string) => ({ oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName } })
    expect(brief(diff(responseBody(d('kind'), schemas), responseBody(d('type'), schemas)))).toEqual([
      `breaking discriminator-property-changed ${res}/discriminator`,
    ])
  })

  describe('discriminator mapping', () => {
    const d = (mapping: Record<string, string>) => ({
      oneOf: [ref('Cat'), ref('Dog')],
      discriminator: { propertyName: 'kind', mapping },
    })
    const cat = '#/components/schemas/Cat'
    const dog = '#/components/schemas/Dog'
    const req = '#/paths/~1pets/post/requestBody/content/application~1json/schema'

    test('response: value `dog` now maps to Cat -> breaking discriminator-mapping-changed', () => {
      const findings = diff(responseBody(d({ cat, dog }), schemas), responseBody(d({ cat, dog: cat }), schemas))
      expect(brief(findings)).toEqual([`breaking discriminator-mapping-changed ${res}/discriminator`])
      expect(findings[0]?.message).toContain('`dog`')
    })

    test('request: value `dog` now maps to Cat -> breaking', () => {
      expect(brief(diff(requestBody(d({ cat, dog }), schemas), requestBody(d({ cat, dog: cat }), schemas)))).toEqual([
        `breaking discriminator-mapping-changed ${req}/discriminator`,
      ])
    })

    test('value re-pointed to an identical schema under another name -> no finding', () => {
      const withHound = { ...schemas, Hound: schemas.Dog }
      const findings = diff(
        responseBody(d({ cat, dog }), withHound),
        responseBody(d({ cat, dog: '#/components/schemas/Hound' }), withHound),
      )
      expect(findings.filter((f) => f.rule.startsWith('discriminator'))).toEqual([])
    })

    test('request: value `dog` no longer mapped -> breaking; response: -> info', () => {
      expect(brief(diff(requestBody(d({ cat, dog }), schemas), requestBody(d({ cat }), schemas)))).toEqual([
        `breaking discriminator-mapping-changed ${req}/discriminator`,
      ])
      expect(brief(diff(responseBody(d({ cat, dog }), schemas), responseBody(d({ cat }), schemas)))).toEqual([
        `info discriminator-mapping-extended ${res}/discriminator`,
      ])
    })

    test('value `cat` added to the mapping -> info', () => {
      expect(brief(diff(responseBody(d({ dog }), schemas), responseBody(d({ dog, cat }), schemas)))).toEqual([
        `info discriminator-mapping-extended ${res}/discriminator`,
      ])
    })
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
    // An old body that did not declare `state` could not hold both (undeclared properties are not counted).
    const openOld = { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }
    expect(brief(diff(requestBody(openOld), requestBody(next))).filter((f) => f.startsWith('breaking'))).toEqual([
      `breaking request-additional-properties-restricted ${body}/additionalProperties`,
    ])
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

describe('oneOf / anyOf restructured: judged by the values each side accepts', () => {
  const anEnum = { type: 'string', enum: ['SkuPricing', 'ProductPricing'] }
  const single = (value: string) => ({ type: 'string', enum: [value] })
  const split = { oneOf: [single('SkuPricing'), single('ProductPricing')] }
  const splitPlus = { oneOf: [single('SkuPricing'), single('ProductPricing'), single('Custom')] }
  const breaking = (findings: ReturnType<typeof diff>) => brief(findings.filter((f) => f.severity === 'breaking'))

  test('enum re-expressed as a oneOf of single-value enums, request and response -> nothing', () => {
    expect(brief(diff(requestBody(anEnum), requestBody(split)))).toEqual([])
    expect(brief(diff(responseBody(anEnum), responseBody(split)))).toEqual([])
    expect(brief(diff(responseBody(split), responseBody(anEnum)))).toEqual([])
  })

  test('enum -> oneOf of single-value enums with an extra branch: request -> info; response -> breaking', () => {
    expect(brief(diff(requestBody(anEnum), requestBody(splitPlus)))).toEqual([`info request-alternative-added ${body}`])
    expect(breaking(diff(responseBody(anEnum), responseBody(splitPlus)))).not.toEqual([])
  })

  test('oneOf of single-value enums loses a value in a request -> breaking', () => {
    expect(breaking(diff(requestBody(splitPlus), requestBody(anEnum)))).not.toEqual([])
  })

  test('request: two oneOf branches merged into one that accepts both -> not breaking', () => {
    const labels = (items: unknown) => ({
      type: 'object',
      properties: { labels: { type: 'array', minItems: 1, items } },
    })
    const named = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] }
    const old = { oneOf: [labels({ type: 'string' }), labels(named)] }
    const merged = { oneOf: [labels({ oneOf: [{ type: 'string' }, named] })] }
    expect(breaking(diff(requestBody(old), requestBody(merged)))).toEqual([])
    // The other way round the request refuses values: still breaking.
    expect(breaking(diff(requestBody(merged), requestBody({ oneOf: [labels({ type: 'string' })] })))).not.toEqual([])
  })

  test('request: array of strings -> oneOf [string, array of strings] -> info only', () => {
    const list = { type: 'array', maxItems: 50, items: { type: 'string' } }
    expect(brief(diff(requestBody(list), requestBody({ oneOf: [{ type: 'string' }, list] })))).toEqual([
      `info request-alternative-added ${body}`,
    ])
  })

  test('request: oneOf member whose values overlap the old schema -> still breaking (a value may match twice)', () => {
    const text = { type: 'string' }
    expect(breaking(diff(requestBody(text), requestBody({ oneOf: [text, { type: 'string', maxLength: 3 }] })))).toEqual(
      [`breaking wrapped-in-one-of ${body}`],
    )
  })

  test('response: open object -> oneOf of objects that keep its property types and add their own -> not breaking', () => {
    const old = { type: 'object', properties: { action: { type: 'string' }, issue: ref('Cat') } }
    const member = (extra: Record<string, unknown>) => ({
      type: 'object',
      properties: { action: { type: 'string' }, issue: ref('Cat'), ...extra },
    })
    const next = { oneOf: [member({ ref: { type: 'string' } }), member({ forkee: { type: 'integer' } })] }
    expect(breaking(diff(responseBody(old, schemas), responseBody(next, schemas)))).toEqual([])
    // A member that changes a property's type widens what clients read.
    const changed = { oneOf: [member({}), { type: 'object', properties: { action: { type: 'integer' } } }] }
    expect(breaking(diff(responseBody(old, schemas), responseBody(changed, schemas)))).not.toEqual([])
  })
})

describe('restructured unions and null, required-only oneOf unchanged', () => {
  test('request nullable string -> nullable oneOf [string, object] -> info only', () => {
    const findings = diff(
      { ...requestBody({ type: 'string', nullable: true }), openapi: '3.0.3' },
      { ...requestBody({ nullable: true, oneOf: [{ type: 'string' }, { type: 'object' }] }), openapi: '3.0.3' },
    )
    expect(brief(findings)).toEqual([`info request-alternative-added ${body}`])
  })

  test('request oneOf of required-only branches, the same on both sides beside a changed property -> no constraint finding', () => {
    const schema = (language: unknown) => ({
      type: 'object',
      additionalProperties: false,
      properties: { language, repositories: { type: 'array' }, owners: { type: 'array' } },
      oneOf: [{ required: ['repositories'] }, { required: ['owners'] }],
    })
    const findings = diff(requestBody(schema({ type: 'string' })), requestBody(schema({ type: 'integer' })))
    expect(brief(findings)).toEqual([`breaking request-type-changed ${body}/properties/language`])
  })
})

test('response object wrapped in a wider oneOf -> breaking, and the message speaks of what clients read', () => {
  const page = { type: 'object', properties: { title: { type: 'string' } } }
  const nullableTitle = { type: 'object', properties: { title: { type: 'string', nullable: true } } }
  const findings = diff(
    { ...responseBody(page), openapi: '3.0.3' },
    {
      ...responseBody({ oneOf: [nullableTitle, { type: 'object', properties: { ref: { type: 'string' } } }] }),
      openapi: '3.0.3',
    },
  )
  expect(brief(findings)).toEqual([`breaking wrapped-in-one-of ${res}`])
  expect(findings[0]?.message).toBe(
    'Response 200 (application/json) was wrapped in a oneOf; clients may now read values it did not allow.',
  )
})

test('response anyOf narrowed to fewer members while one loses a property -> the removal is still breaking', () => {
  const a = (properties: Record<string, unknown>) => ({ type: 'object', properties, required: ['x'] })
  const b = { type: 'object', properties: { z: { type: 'integer' } }, required: ['z'] }
  const d = { type: 'object', properties: { w: { type: 'boolean' } }, required: ['w'] }
  const old = { anyOf: [a({ x: { type: 'string' }, y: { type: 'string' } }), b, d] }
  const next = { anyOf: [a({ x: { type: 'string' } }), b] }
  const findings = diff(responseBody(old), responseBody(next))
  expect(findings.filter((f) => f.severity === 'breaking').map((f) => f.rule)).toContain('response-property-removed')
})
