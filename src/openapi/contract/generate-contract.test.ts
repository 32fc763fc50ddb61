import { describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import { defineChange, endpoint, schema } from '../../change/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { defineContractSource } from './contract-source.ts'
import { generateContracts } from './generate-contract.ts'

// biome-ignore lint/suspicious/noExplicitAny: documents are asserted member by member
type Doc = any

const Item = defineSchema('Item', {
  type: 'object',
  required: ['id', 'title'],
  properties: { id: { type: 'integer' }, title: { type: 'string' }, note: { type: ['string', 'null'] } },
})
const renameItemNameToTitle = defineChange({
  name: 'renameItemNameToTitle',
  description: 'Item `name` is now `title`.',
  instructions: [schema(Item).field('title').renamedFrom('name')],
})
const removeItemLegacy = defineChange({
  name: 'removeItemLegacy',
  description: 'Items lose `legacy`.',
  instructions: [
    schema(Item)
      .field('legacy')
      .removed({ was: { type: 'string' } }),
  ],
})
const createAnswers201 = defineChange({
  name: 'createAnswers201',
  description: 'Creating an item answers 201.',
  instructions: [endpoint('POST', '/items').statusChanged({ status: 201, from: 200 })],
})
const addItemHistory = defineChange({
  name: 'addItemHistory',
  description: 'Items have a history.',
  instructions: [endpoint('GET', '/items/:id/history').added()],
})

const NOW = new Date('2026-06-01T00:00:00Z')
const api = defineApi({
  versions: defineVersions({
    scheme: integerScheme(),
    versions: [
      { id: '1', released: '2024-01-01', deprecated: '2026-01-01', sunset: '2026-12-01' },
      { id: '2', released: '2025-01-01', changes: [renameItemNameToTitle, removeItemLegacy] },
      { id: '3', released: '2026-01-01', stage: 'preview', changes: [createAnswers201, addItemHistory] },
    ],
  }),
  negotiation: { sources: [fromHeader('X-API-Version')], default: 'latest' },
})
const source = defineContractSource(api, [
  { scope: undefined, spec: { method: 'GET', path: '/items/:id', responses: { 200: Item.schema } } },
  { scope: undefined, spec: { method: 'POST', path: '/items', body: Item.schema, responses: { 201: Item.schema } } },
  { scope: undefined, spec: { method: 'GET', path: '/items/:id/history', responses: { 200: { type: 'array' } } } },
])
const docs = Object.fromEntries(generateContracts(source, { now: NOW }).map((c) => [c.label, c.document as Doc]))

describe('generateContracts', () => {
  test('three released versions, none sunset at now -> one contract each, labelled by id', () => {
    expect(Object.keys(docs)).toEqual(['1', '2', '3'])
    expect(docs['1'].openapi).toBe('3.1.0')
    expect(docs['3'].info.version).toBe('3')
  })

  test('field renamed in 2: version 1 component has `name`, version 2 has `title`', () => {
    expect(Object.keys(docs['1'].components.schemas.Item.properties)).toEqual(['id', 'name', 'note', 'legacy'])
    expect(docs['1'].components.schemas.Item.required).toEqual(['id', 'name'])
    expect(Object.keys(docs['2'].components.schemas.Item.properties)).toEqual(['id', 'title', 'note'])
  })

  test('status changed in 3: POST /items answers 200 in 2 and 201 in 3', () => {
    expect(Object.keys(docs['2'].paths['/items'].post.responses)).toEqual(['200', '4XX', '5XX'])
    expect(Object.keys(docs['3'].paths['/items'].post.responses)).toEqual(['201', '4XX', '5XX'])
    expect(docs['2'].paths['/items'].post.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Item',
    })
  })

  test('endpoint added in 3: history path absent from 1 and 2, present in 3 with a path parameter', () => {
    expect(docs['2'].paths['/items/{id}/history']).toBeUndefined()
    const op = docs['3'].paths['/items/{id}/history'].get
    expect(op.parameters[0]).toEqual({ name: 'id', in: 'path', required: true, schema: { type: 'string' } })
  })

  test('version 1 deprecated at now -> every operation deprecated with x-sunset, x-lifecycle in info', () => {
    expect(docs['1'].paths['/items/{id}'].get).toMatchObject({ deprecated: true, 'x-sunset': '2026-12-01' })
    expect(docs['1'].info['x-lifecycle']).toEqual({
      phase: 'deprecated',
      channel: 'stable',
      released: '2024-01-01',
      deprecated: '2026-01-01',
      sunset: '2026-12-01',
    })
    expect(docs['2'].paths['/items/{id}'].get.deprecated).toBeUndefined()
    expect(docs['3'].info['x-lifecycle'].phase).toBe('preview')
  })

  test('negotiation: the X-API-Version header is a shared optional parameter on every operation', () => {
    expect(docs['2'].paths['/items/{id}'].get.parameters).toContainEqual({
      $ref: '#/components/parameters/version-X-API-Version',
    })
    expect(docs['2'].components.parameters['version-X-API-Version']).toMatchObject({
      name: 'X-API-Version',
      in: 'header',
      required: false,
      schema: { type: 'string', examples: ['2'] },
    })
    expect(docs['2'].info.description).toContain('Without a version, the newest generally available version is used.')
  })

  test('error envelope: 4XX and 5XX point at the envelope and problem+json schemas', () => {
    expect(docs['2'].paths['/items/{id}'].get.responses['4XX']).toEqual({ $ref: '#/components/responses/ClientError' })
    const client = docs['2'].components.responses.ClientError.content
    expect(Object.keys(client)).toEqual(['application/json', 'application/problem+json'])
    expect(docs['2'].components.schemas.Error.required).toEqual(['status', 'error', 'requestId'])
    expect(docs['2'].components.schemas.Error.properties.error.required).toEqual([
      'code',
      'message',
      'timestamp',
      'path',
    ])
  })

  test('error schemas: every fact the catalogue declares (latest_version, supported_versions, quota, reason) -> declared', () => {
    const error = docs['2'].components.schemas.Error.properties.error.properties
    expect(error.latest_version).toEqual({ type: 'string' })
    expect(error.supported_versions).toEqual({ type: 'array', items: { type: 'string' } })
    expect(error.requested_version).toEqual({ type: 'string' })
    expect(error.limit).toEqual({ type: 'integer' })
    expect(error.reason).toEqual({ type: 'string' })
    expect(Object.keys(error)).toEqual(expect.arrayContaining(['details', 'fields', 'suggestion', 'quota', 'used']))
    const problem = docs['2'].components.schemas.Problem.properties
    expect(problem.supported_versions).toEqual({ type: 'array', items: { type: 'string' } })
  })

  test('at a later now, version 1 is sunset -> left out; include released -> kept', () => {
    const later = new Date('2027-01-01T00:00:00Z')
    expect(generateContracts(source, { now: later }).map((c) => c.label)).toEqual(['2', '3'])
    expect(generateContracts(source, { now: later, include: 'released' }).map((c) => c.label)).toEqual(['1', '2', '3'])
  })

  test('openapi 3.0 requested -> 3.0.3 with nullable instead of a null type', () => {
    const [first] = generateContracts(source, { now: NOW, openapi: '3.0' })
    const doc = first!.document as Doc
    expect(doc.openapi).toBe('3.0.3')
    expect(doc.info.summary).toBeUndefined()
    expect(doc.components.schemas.Item.properties.note).toEqual({ type: 'string', nullable: true })
    expect(doc.components.parameters['version-X-API-Version'].schema).toEqual({ type: 'string', example: '1' })
  })
})

describe('an endpoint removed and added back', () => {
  const removeExport = defineChange({
    name: 'removeItemExport',
    description: 'Exports are gone.',
    instructions: [endpoint('GET', '/items/export').removed()],
  })
  const restoreExport = defineChange({
    name: 'restoreItemExport',
    description: 'Exports are back.',
    instructions: [endpoint('GET', '/items/export').added()],
  })
  const ranged = defineApi({
    versions: defineVersions({
      scheme: integerScheme(),
      versions: [
        { id: '1', released: '2024-01-01' },
        { id: '2', released: '2025-01-01', changes: [removeExport] },
        { id: '3', released: '2026-01-01', changes: [restoreExport] },
      ],
    }),
    negotiation: { sources: [fromHeader('X-API-Version')], default: 'latest' },
  })
  const exportSource = defineContractSource(ranged, [
    { scope: undefined, spec: { method: 'GET', path: '/items/export', responses: { 200: { type: 'array' } } } },
  ])

  test('removed in 2, added back in 3 -> the contracts of 1 and 3 list it, the contract of 2 does not', () => {
    const paths = Object.fromEntries(
      generateContracts(exportSource, { now: NOW }).map((c) => [c.label, Object.keys((c.document as Doc).paths)]),
    )
    expect(paths).toEqual({ '1': ['/items/export'], '2': [], '3': ['/items/export'] })
  })
})
