import { describe, expect, test } from 'vitest'
import { defineChange, endpoint, errors, schema } from '../change/index.ts'
import type { ResponseParts } from '../change/instruction.ts'
import { defineSchema } from '../schema/index.ts'
import { calendarScheme, defineVersions, type VersionInput } from '../version/index.ts'
import { checkLedger } from './ledger.ts'
import { planRoute, type RouteSpec } from './route-plan.ts'

const Tag = defineSchema('Tag', { type: 'object', properties: { key: { type: 'string' }, label: { type: 'string' } } })
const Asset = defineSchema('Asset', {
  type: 'object',
  required: ['id', 'title'],
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['active', 'inactive', 'archived'] },
    size: { type: 'number' },
    labels: { type: 'array', items: { type: 'string' } },
    tags: { type: 'array', items: Tag.schema },
    location: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
  },
})
const AssetList = {
  type: 'object',
  properties: { items: { type: 'array', items: Asset.schema }, nextCursor: { type: 'string' } },
}

const versionsWith = (changes: NonNullable<VersionInput['changes']>[]) =>
  defineVersions({
    scheme: calendarScheme(),
    versions: [{ id: '2023-01-01' }, ...changes.map((c, i) => ({ id: `${2024 + i}-01-01`, changes: c }))],
  }).versions

const getAsset: RouteSpec = { method: 'GET', path: '/assets/:id', responses: { 200: Asset.schema } }
const listAssets: RouteSpec = { method: 'GET', path: '/assets', responses: { 200: AssetList } }
const createAsset: RouteSpec = { method: 'POST', path: '/assets', body: Asset.schema, responses: { 201: Asset.schema } }

const down = (
  spec: RouteSpec,
  versions: ReturnType<typeof versionsWith>,
  index: number,
  body: unknown,
  status = 200,
) => {
  const parts: ResponseParts = { body, status, headers: {} }
  planRoute(spec, versions).plan(index)?.responseDown?.(parts)
  return parts
}
const up = (spec: RouteSpec, versions: ReturnType<typeof versionsWith>, index: number, body: unknown) => {
  const parts = { body, query: {}, headers: {} }
  planRoute(spec, versions).plan(index)?.requestUp?.(parts)
  return parts.body
}

const rename = defineChange({
  name: 'renameAssetNameToTitle',
  description: 'Asset `name` is renamed to `title`.',
  instructions: [schema(Asset).field('title').renamedFrom('name')],
})

describe('declarative migrations', () => {
  const versions = versionsWith([[rename]])

  test('field renamed in 2024: response to a 2023 client -> old name, same key order', () => {
    const body = down(getAsset, versions, 0, { id: 1, title: 'pump', size: 3 }).body
    expect(body).toEqual({ id: 1, name: 'pump', size: 3 })
    expect(Object.keys(body as object).slice(0, 2)).toEqual(['id', 'name'])
  })

  test('field renamed: list envelope items -> every item renamed, envelope kept', () => {
    const body = down(listAssets, versions, 0, {
      items: [
        { id: 1, title: 'a' },
        { id: 2, title: 'b' },
      ],
      nextCursor: 'x',
    }).body
    expect(body).toEqual({
      items: [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ],
      nextCursor: 'x',
    })
  })

  test('field renamed: request from a 2023 client -> head name; absent fields stay absent', () => {
    expect(up(createAsset, versions, 0, { id: 1, name: 'pump' })).toEqual({ id: 1, title: 'pump' })
    expect(up(createAsset, versions, 0, { id: 1 })).toEqual({ id: 1 })
  })

  test('client at head -> no plan at all (nothing to parse or rebuild)', () => {
    expect(planRoute(getAsset, versions).plan(1)).toBeUndefined()
  })

  test('route whose schemas no change touches -> no plan at any version', () => {
    const other = defineSchema('Other', { type: 'object', properties: { a: { type: 'string' } } })
    expect(planRoute({ method: 'GET', path: '/o', responses: { 200: other.schema } }, versions).plan(0)).toBeUndefined()
  })

  test('field added, removed with default, type changed, enum value added -> each undone for old clients', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'assetsEvolve',
          description: 'Several changes.',
          instructions: [
            schema(Asset).field('labels').added(),
            schema(Asset)
              .field('legacyCode')
              .removed({ was: { type: 'string' }, default: 'n/a' }),
            schema(Asset)
              .field('size')
              .typeChanged({ was: { type: 'string' }, down: (x) => String(x), up: (x) => Number(x) }),
            schema(Asset).field('status').enumValueAdded('archived', { fallback: 'inactive' }),
          ],
        }),
      ],
    ])
    const body = down(getAsset, v, 0, { id: 1, title: 't', status: 'archived', size: 3, labels: ['x'] }).body
    expect(body).toEqual({ id: 1, title: 't', status: 'inactive', size: '3', legacyCode: 'n/a' })
    expect(up(createAsset, v, 0, { id: 1, title: 't', size: '4', legacyCode: 'q' })).toEqual({
      id: 1,
      title: 't',
      size: 4,
    })
  })

  test('nested field renamed (location.lat) and field inside an array of named objects -> reached by path', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'nested',
          description: 'Nested renames.',
          instructions: [
            schema(Asset).field('location.lat').renamedFrom('latitude'),
            schema(Tag).field('label').renamedFrom('text'),
          ],
        }),
      ],
    ])
    const body = down(getAsset, v, 0, {
      id: 1,
      title: 't',
      location: { lat: 1, lon: 2 },
      tags: [{ key: 'k', label: 'L' }],
    }).body
    expect(body).toEqual({ id: 1, title: 't', location: { latitude: 1, lon: 2 }, tags: [{ key: 'k', text: 'L' }] })
  })

  test('made required in head with a default -> old requests without it get the default', () => {
    const Create = defineSchema('CreateThing', {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string' }, name: { type: 'string' } },
    })
    const v = versionsWith([
      [
        defineChange({
          name: 'kindRequired',
          description: 'kind is required.',
          instructions: [schema(Create).field('kind').madeRequired({ default: 'pump' })],
        }),
      ],
    ])
    expect(up({ method: 'POST', path: '/things', body: Create.schema }, v, 0, { name: 'x' })).toEqual({
      kind: 'pump',
      name: 'x',
    })
  })

  test('a chain of 100 renames -> one fused step: the oldest client still sees the first name', () => {
    const Wide = defineSchema('Wide', {
      type: 'object',
      properties: { f100: { type: 'string' }, id: { type: 'integer' } },
    })
    const v = versionsWith(
      Array.from({ length: 100 }, (_, i) => [
        defineChange({
          name: `r${i}`,
          description: 'r',
          instructions: [
            schema(Wide)
              .field(`f${i + 1}`)
              .renamedFrom(`f${i}`),
          ],
        }),
      ]),
    )
    const spec = { method: 'GET', path: '/wide', responses: { 200: Wide.schema } }
    expect(down(spec, v, 0, { f100: 'x', id: 1 }).body).toEqual({ f0: 'x', id: 1 })
    expect(down(spec, v, 50, { f100: 'x', id: 1 }).body).toEqual({ f50: 'x', id: 1 })
  })
})

describe('custom and endpoint migrations', () => {
  test('split field: head fullName, old first/last -> custom migration both ways', () => {
    const Person = defineSchema('Person', {
      type: 'object',
      properties: { id: { type: 'integer' }, fullName: { type: 'string' } },
    })
    const split = defineChange({
      name: 'mergeFirstAndLastIntoFullName',
      description: '`first` and `last` become `fullName`.',
      instructions: [
        schema(Person).field('fullName').added(),
        schema(Person)
          .field('first')
          .removed({ was: { type: 'string' } }),
        schema(Person)
          .field('last')
          .removed({ was: { type: 'string' } }),
        schema(Person).migrate<{ first?: string | undefined; last?: string | undefined }, { fullName?: string }>({
          response: (p) => ({ ...p, first: p.fullName?.split(' ')[0], last: p.fullName?.split(' ')[1] }),
          request: (p) => ({ ...p, fullName: `${p.first} ${p.last}` }),
        }),
      ],
    })
    const v = versionsWith([[split]])
    const spec = { method: 'POST', path: '/people', body: Person.schema, responses: { 200: Person.schema } }
    expect(down(spec, v, 0, { id: 1, fullName: 'Ada Lovelace' }).body).toEqual({
      id: 1,
      first: 'Ada',
      last: 'Lovelace',
    })
    expect(up(spec, v, 0, { id: 1, first: 'Ada', last: 'Lovelace' })).toEqual({ id: 1, fullName: 'Ada Lovelace' })
  })

  test('status changed 200 -> 201 in 2024 -> old clients get 200', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'createdStatus',
          description: 'POST answers 201.',
          instructions: [endpoint('POST', '/assets').statusChanged({ status: 201, from: 200 })],
        }),
      ],
    ])
    expect(down(createAsset, v, 0, { id: 1, title: 't' }, 201).status).toBe(200)
  })

  test('endpoint added in 2024 -> mounted only from 2024; renamed -> the old path mounted for older versions', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'history',
          description: 'History endpoint.',
          instructions: [endpoint('GET', '/assets/:id/history').added()],
        }),
      ],
      [
        defineChange({
          name: 'moveAssets',
          description: 'Assets moved.',
          instructions: [endpoint('GET', '/v2/assets/:id').renamedFrom({ path: '/assets/:id' })],
        }),
      ],
    ])
    expect(planRoute({ method: 'GET', path: '/assets/:id/history' }, v).mounts).toEqual([
      { method: 'GET', path: '/assets/:id/history', from: 1, to: 3 },
    ])
    expect(planRoute({ method: 'GET', path: '/v2/assets/:id' }, v).mounts).toEqual([
      { method: 'GET', path: '/v2/assets/:id', from: 2, to: 3 },
      { method: 'GET', path: '/assets/:id', from: 0, to: 2 },
    ])
  })

  test('query parameter renamed -> old clients send the old name, head reads the new one', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'limitRenamed',
          description: 'size is limit.',
          instructions: [endpoint('GET', '/assets').param('limit').renamedFrom('size')],
        }),
      ],
    ])
    const spec = { ...listAssets, query: { type: 'object', properties: { limit: { type: 'integer' } } } }
    const parts = { body: undefined, query: { size: '5', other: 'x' } as Record<string, unknown>, headers: {} }
    planRoute(spec, v).plan(0)?.requestUp?.(parts)
    expect(parts.query).toEqual({ limit: '5' })
  })

  test('error from a handler naming head fields, client at the old version -> field names of that version', () => {
    const v = versionsWith([[rename]])
    const problem = {
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'x',
      fields: [{ field: 'title', message: 'is too long' }],
    }
    planRoute(createAsset, v).plan(0)?.errorDown?.(problem)
    expect(problem.fields).toEqual([{ field: 'name', message: 'is too long' }])
  })

  test('error format changed in 2024 -> older clients get the old format through the error migration', () => {
    const v = versionsWith([
      [
        defineChange({
          name: 'errorCodes',
          description: 'Codes in messages.',
          instructions: [
            errors((p) => {
              p.message = `${p.code}: ${p.message}`
            }),
          ],
        }),
      ],
    ])
    const problem = { status: 404, code: 'NOT_FOUND', message: 'gone' }
    planRoute(getAsset, v).plan(0)?.errorDown?.(problem)
    expect(problem.message).toBe('NOT_FOUND: gone')
  })
})

describe('ledger validation at definition', () => {
  const fails = (instructions: NonNullable<Parameters<typeof defineChange>[0]['instructions']>, code: string) =>
    expect(() =>
      planRoute(getAsset, versionsWith([[defineChange({ name: 'c', description: 'c', instructions })]])),
    ).toThrow(expect.objectContaining({ code }))

  test('rename of a field the schema does not have -> STRATA_ERR_CHANGE_UNKNOWN_FIELD listing the fields', () => {
    fails([schema(Asset).field('nope').renamedFrom('x')], 'STRATA_ERR_CHANGE_UNKNOWN_FIELD')
  })

  test('removed field that head still has -> STRATA_ERR_CHANGE_FIELD_EXISTS', () => {
    fails(
      [
        schema(Asset)
          .field('title')
          .removed({ was: { type: 'string' } }),
      ],
      'STRATA_ERR_CHANGE_FIELD_EXISTS',
    )
  })

  test('added and renamed on the same field in one version -> STRATA_ERR_CHANGE_CONFLICT', () => {
    fails(
      [schema(Asset).field('size').added(), schema(Asset).field('size').renamedFrom('weight')],
      'STRATA_ERR_CHANGE_CONFLICT',
    )
  })

  test('change naming a schema no route uses -> STRATA_ERR_CHANGE_UNKNOWN_SCHEMA from checkLedger', () => {
    const v = versionsWith([
      [defineChange({ name: 'g', description: 'g', instructions: [schema('Ghost').field('x').added()] })],
    ])
    expect(() => planRoute(getAsset, v)).not.toThrow()
    expect(() => checkLedger(v, new Set(['Asset']), [getAsset])).toThrow(
      /names the schema 'Ghost', which no route uses/,
    )
  })

  test('change naming an endpoint no route serves -> STRATA_ERR_CHANGE_UNKNOWN_ENDPOINT', () => {
    const v = versionsWith([
      [defineChange({ name: 'e', description: 'e', instructions: [endpoint('GET', '/nope').added()] })],
    ])
    expect(() => checkLedger(v, new Set(['Asset']), [getAsset])).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_CHANGE_UNKNOWN_ENDPOINT' }),
    )
  })

  test('enum value added that head does not have -> STRATA_ERR_CHANGE_INVALID_ENUM', () => {
    fails(
      [schema(Asset).field('status').enumValueAdded('deleted', { fallback: 'inactive' })],
      'STRATA_ERR_CHANGE_INVALID_ENUM',
    )
  })

  test('same change attached to two versions -> STRATA_ERR_CHANGE_DUPLICATE', () => {
    expect(() => planRoute(getAsset, versionsWith([[rename], [rename]]))).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_CHANGE_DUPLICATE' }),
    )
  })

  test('field added in 2024 and added again in 2025 -> STRATA_ERR_CHANGE_UNKNOWN_FIELD at 2024', () => {
    const add = (name: string) =>
      defineChange({ name, description: name, instructions: [schema(Asset).field('size').added()] })
    expect(() => planRoute(getAsset, versionsWith([[add('a')], [add('b')]]))).toThrow(
      /Change at version 2024-01-01: field-added on Asset.size/,
    )
  })
})

describe('shapes of older versions', () => {
  test('enum spelt as enum plus anyOf of consts (TypeBox, zod) -> the older shape drops the added value from both', () => {
    const Level = defineSchema('Level', {
      type: 'object',
      properties: {
        level: {
          enum: ['low', 'high', 'critical'],
          anyOf: [{ const: 'low' }, { const: 'high' }, { const: 'critical' }],
        },
      },
    })
    const v = versionsWith([
      [
        defineChange({
          name: 'critical',
          description: 'c',
          instructions: [schema(Level).field('level').enumValueAdded('critical', { fallback: 'high' })],
        }),
      ],
    ])
    const older = planRoute({ method: 'GET', path: '/level', responses: { 200: Level.schema } }, v).responseSchema(
      '200',
      0,
    )
    expect(older?.shapeOf('Level')?.properties).toEqual({
      level: { enum: ['low', 'high'], anyOf: [{ const: 'low' }, { const: 'high' }] },
    })
  })
})

describe('steps that keep the field count', () => {
  test('one field added and another removed in one version -> 2023 client gets the old field, not the new one', () => {
    const Gauge = defineSchema('Gauge', {
      type: 'object',
      properties: { id: { type: 'integer' }, unit: { type: 'string' } },
    })
    const v = versionsWith([
      [
        defineChange({
          name: 'replaceGaugeScaleWithUnit',
          description: 'Gauge `scale` is replaced by `unit`.',
          instructions: [
            schema(Gauge).field('unit').added(),
            schema(Gauge)
              .field('scale')
              .removed({ was: { type: 'number' } }),
          ],
        }),
      ],
    ])
    const spec: RouteSpec = { method: 'POST', path: '/gauges', body: Gauge.schema, responses: { 200: Gauge.schema } }
    expect(down(spec, v, 0, { id: 1, unit: 'cm', scale: 2 }).body).toEqual({ id: 1, scale: 2 })
    expect(up(spec, v, 0, { id: 1, scale: 3 })).toEqual({ id: 1 })
    expect(planRoute(spec, v).requestSchema('body', 0)?.shapeOf('Gauge')).toEqual({
      type: 'object',
      properties: { id: { type: 'integer' }, scale: { type: 'number' } },
    })
  })
})
