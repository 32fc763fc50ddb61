import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { defineApi } from '../../api/index.ts'
import { defineChange, endpoint, schema } from '../../change/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { calendarScheme, defineVersions, type VersionInput } from '../../version/index.ts'
import { strata } from './plugin.ts'

const Pet = defineSchema('Pet', {
  type: 'object',
  required: ['name', 'kind'],
  properties: { id: { type: 'integer' }, name: { type: 'string', maxLength: 10 }, kind: { type: 'string' } },
})
const renamePetNickToName = defineChange({
  name: 'renamePetNickToName',
  description: 'Pet `nick` is now `name`.',
  instructions: [schema(Pet).field('name').renamedFrom('nick')],
})
const addPetHistory = defineChange({
  name: 'addPetHistory',
  description: 'Pets have a history endpoint.',
  instructions: [endpoint('GET', '/pets/:id/history').added()],
})
const movePets = defineChange({
  name: 'movePetsUnderZoo',
  description: 'Pets moved under /zoo.',
  instructions: [endpoint('GET', '/zoo/pets/:id').renamedFrom({ path: '/pets/:id' })],
})
const strictNames = defineChange({ name: 'strictNames', description: 'Names are checked strictly.', sideEffect: true })

let app: FastifyInstance
afterEach(() => app?.close())

async function build(versions: VersionInput[], routes: (app: FastifyInstance) => void) {
  app = Fastify()
  await app.register(strata, {
    api: defineApi({
      versions: defineVersions({ scheme: calendarScheme(), versions }),
      negotiation: { sources: [fromHeader('Api-Version')] },
      clock: () => new Date('2026-01-01'),
    }),
  })
  routes(app)
  await app.ready()
  return app
}

const petRoutes = (a: FastifyInstance) => {
  a.post('/pets', { schema: { body: Pet.schema, response: { 201: Pet.schema } } }, async (req, reply) =>
    reply.code(201).send({ id: 1, ...(req.body as object) }),
  )
  a.post(
    '/strict-pets',
    { schema: { body: Pet.schema }, config: { strata: { strict: true } } },
    async (req) => req.body,
  )
}
const v = (id: string, changes: VersionInput['changes'] = []) => ({ id, changes })

describe('Fastify plugin with a change ledger', () => {
  test('old client posts its version of the body -> handler sees head, client gets its own field names back', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renamePetNickToName])], petRoutes)
    const res = await app.inject({
      method: 'POST',
      url: '/pets',
      headers: { 'api-version': '2024-01-01' },
      payload: { nick: 'rex', kind: 'dog' },
    })
    expect([res.statusCode, res.json()]).toEqual([201, { id: 1, nick: 'rex', kind: 'dog' }])
  })

  test('old client body failing validation -> 422 lists every failed field by its version names', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renamePetNickToName])], petRoutes)
    const res = await app.inject({
      method: 'POST',
      url: '/pets',
      headers: { 'api-version': '2024-01-01' },
      payload: { nick: 'far too long a name' },
    })
    expect(res.statusCode).toBe(422)
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['kind', 'nick'])
  })

  test('old client sends a field only head knows (name) -> ignored (MUST IGNORE), its own field still required', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renamePetNickToName])], petRoutes)
    const res = await app.inject({
      method: 'POST',
      url: '/pets',
      headers: { 'api-version': '2024-01-01' },
      payload: { name: 'x', kind: 'cat', extra: 1 },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.fields).toEqual([
      { field: 'nick', message: "must have required property 'nick'", reason: 'required' },
    ])
  })

  test('route opting out of MUST IGNORE (strict) -> unknown field at an old version is a 422', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renamePetNickToName])], petRoutes)
    const res = await app.inject({
      method: 'POST',
      url: '/strict-pets',
      headers: { 'api-version': '2024-01-01' },
      payload: { nick: 'a', kind: 'cat', extra: 1 },
    })
    expect([res.statusCode, res.json().error.fields[0].reason]).toEqual([422, 'additionalProperties'])
  })

  test('endpoint added in 2025 -> 404 at 2024 in the envelope, 200 at 2025', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [addPetHistory])], (a) =>
      a.get('/pets/:id/history', async () => ({ events: [] })),
    )
    const old = await app.inject({ url: '/pets/1/history', headers: { 'api-version': '2024-01-01' } })
    expect([old.statusCode, old.json().error.code]).toEqual([404, 'NOT_FOUND'])
    expect((await app.inject({ url: '/pets/1/history', headers: { 'api-version': '2025-01-01' } })).statusCode).toBe(
      200,
    )
  })

  test('endpoint added in 2025, asked with HEAD (Fastify derives it from GET) -> 404 at 2024 as well', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [addPetHistory])], (a) =>
      a.get('/pets/:id/history', async () => ({ events: [] })),
    )
    const head = (version: string) =>
      app.inject({ method: 'HEAD', url: '/pets/1/history', headers: { 'api-version': version } })
    expect((await head('2024-01-01')).statusCode).toBe(404)
    expect((await head('2025-01-01')).statusCode).toBe(200)
  })

  test('endpoint moved in 2025 -> old path answers 2024 clients only, new path 2025 clients only', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [movePets])], (a) =>
      a.get('/zoo/pets/:id', async (req) => ({ id: (req.params as { id: string }).id })),
    )
    const ask = (url: string, version: string) => app.inject({ url, headers: { 'api-version': version } })
    expect((await ask('/pets/7', '2024-01-01')).json()).toEqual({ id: '7' })
    expect((await ask('/pets/7', '2025-01-01')).statusCode).toBe(404)
    expect((await ask('/zoo/pets/7', '2024-01-01')).statusCode).toBe(404)
    expect((await ask('/zoo/pets/7', '2025-01-01')).json()).toEqual({ id: '7' })
  })

  test('side-effect change: handler asks has(change) -> false before its version, true from it', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [strictNames])], (a) =>
      a.get('/x', async (req) => ({ strict: req.strata.has(strictNames) })),
    )
    expect((await app.inject({ url: '/x', headers: { 'api-version': '2024-06-01' } })).json()).toEqual({
      strict: false,
    })
    expect((await app.inject({ url: '/x', headers: { 'api-version': '2025-06-01' } })).json()).toEqual({ strict: true })
  })

  test('ledger names a schema no route uses -> start-up fails with STRATA_ERR_CHANGE_UNKNOWN_SCHEMA', async () => {
    const ghost = defineChange({ name: 'ghost', description: 'g', instructions: [schema('Ghost').field('a').added()] })
    await expect(build([v('2024-01-01'), v('2025-01-01', [ghost])], petRoutes)).rejects.toThrow(
      /names the schema 'Ghost'/,
    )
  })

  test('head schema written in zod 4 -> old clients migrated the same way', async () => {
    const Owner = defineSchema('Owner', z.object({ id: z.number().int(), fullName: z.string() }))
    const rename = defineChange({
      name: 'ownerFullName',
      description: 'd',
      instructions: [schema(Owner).field('fullName').renamedFrom('name')],
    })
    await build([v('2024-01-01'), v('2025-01-01', [rename])], (a) =>
      a.get('/owners/1', { schema: { response: { 200: Owner.schema } } }, async () => ({ id: 1, fullName: 'Ada' })),
    )
    expect((await app.inject({ url: '/owners/1', headers: { 'api-version': '2024-01-01' } })).json()).toEqual({
      id: 1,
      name: 'Ada',
    })
    expect((await app.inject({ url: '/owners/1', headers: { 'api-version': '2025-01-01' } })).json()).toEqual({
      id: 1,
      fullName: 'Ada',
    })
  })
})

describe('request validation at the client version, with nothing to convert', () => {
  const Order = defineSchema('Order', {
    type: 'object',
    properties: { state: { type: 'string', enum: ['open', 'closed', 'held'] } },
  })
  const addHeld = defineChange({
    name: 'addOrderStateHeld',
    description: 'Orders can be `held`.',
    instructions: [schema(Order).field('state').enumValueAdded('held', { fallback: 'open' })],
  })
  const orders = (a: FastifyInstance) =>
    a.post('/orders', { schema: { body: Order.schema, response: { 200: Order.schema } } }, async (req) => req.body)

  test('enum value added in 2025: 2024 client sends it -> 422 naming the field', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [addHeld])], orders)
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'api-version': '2024-01-01' },
      payload: { state: 'held' },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'state', reason: 'enum' })])
  })

  test('enum value added in 2025: 2025 client sends it -> 200 with the value', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [addHeld])], orders)
    const res = await app.inject({
      method: 'POST',
      url: '/orders',
      headers: { 'api-version': '2025-01-01' },
      payload: { state: 'held' },
    })
    expect([res.statusCode, res.json()]).toEqual([200, { state: 'held' }])
  })
})

describe('endpoint migrations on headers', () => {
  const renameHeader = defineChange({
    name: 'renameTotalCountHeader',
    description: 'The `X-Total` header is now `X-Total-Count`.',
    instructions: [
      endpoint('GET', '/pets').migrate({
        response: (parts) => {
          parts.headers['x-total'] = parts.headers['x-total-count']!
          delete parts.headers['x-total-count']
        },
      }),
    ],
  })
  const list = (a: FastifyInstance) =>
    a.get('/pets', async (_req, reply) => {
      reply.header('x-total-count', '3')
      return []
    })

  test('handler sets X-Total-Count; 2024 client -> the migration reads it and sends X-Total instead', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renameHeader])], list)
    const res = await app.inject({ url: '/pets', headers: { 'api-version': '2024-01-01' } })
    expect(res.headers['x-total']).toBe('3')
    expect(res.headers['x-total-count']).toBeUndefined()
  })

  test('handler sets X-Total-Count; head client -> header unchanged', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [renameHeader])], list)
    const res = await app.inject({ url: '/pets', headers: { 'api-version': '2025-01-01' } })
    expect(res.headers['x-total-count']).toBe('3')
  })
})

describe('an endpoint removed and added back', () => {
  const remove = defineChange({
    name: 'removePetHistory',
    description: 'The history endpoint is removed.',
    instructions: [endpoint('GET', '/pets/:id/history').removed()],
  })
  const restore = defineChange({
    name: 'restorePetHistory',
    description: 'The history endpoint is back.',
    instructions: [endpoint('GET', '/pets/:id/history').added()],
  })
  const history = (a: FastifyInstance) => a.get('/pets/:id/history', async () => [])
  const versions = [v('2023-01-01'), v('2024-01-01', [remove]), v('2025-01-01', [restore])]

  test.each([
    ['2023-01-01', 200],
    ['2024-01-01', 404],
    ['2025-01-01', 200],
  ])('removed in 2024, added back in 2025: client on %s -> %i', async (version, status) => {
    await build(versions, history)
    const res = await app.inject({ url: '/pets/1/history', headers: { 'api-version': version } })
    expect(res.statusCode).toBe(status)
  })

  test('added twice without a removal between -> STRATA_ERR_CHANGE_CONFLICT at start-up', async () => {
    const again = defineChange({
      name: 'addPetHistoryAgain',
      description: 'x',
      instructions: [endpoint('GET', '/pets/:id/history').added()],
    })
    await expect(
      build([v('2023-01-01'), v('2024-01-01', [addPetHistory]), v('2025-01-01', [again])], history),
    ).rejects.toThrow(expect.objectContaining({ code: 'STRATA_ERR_CHANGE_CONFLICT' }))
  })
})

describe('validate once on Fastify', () => {
  const Note = defineSchema('Note', {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', maxLength: 5 } },
  })
  const shortNotes = defineChange({
    name: 'shortNotes',
    description: 'Note `text` is at most 5 characters (was 100); longer ones are cut on the way up.',
    instructions: [
      schema(Note)
        .field('text')
        .typeChanged({
          was: { type: 'string', maxLength: 100 },
          down: (value) => value,
          up: (value) => (value as string).slice(0, 100),
        }),
    ],
  })
  const routes = (a: FastifyInstance) => {
    a.post('/notes', { schema: { body: Note.schema } }, async (req) => req.body)
  }

  test('old body valid at its version, not at head after migration -> validated once at its version: 200', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [shortNotes])], routes)
    const res = await app.inject({
      method: 'POST',
      url: '/notes',
      headers: { 'api-version': '2024-01-01' },
      payload: { text: 'a longer note' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ text: 'a longer note' })
  })

  test('head body breaking a head constraint -> still validated at head by Fastify: 422 naming the field', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [shortNotes])], routes)
    const res = await app.inject({
      method: 'POST',
      url: '/notes',
      headers: { 'api-version': '2025-01-01' },
      payload: { text: 'a longer note' },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'text' })])
  })

  test('old body invalid at its version -> 422 from the client version validator', async () => {
    await build([v('2024-01-01'), v('2025-01-01', [shortNotes])], routes)
    const res = await app.inject({
      method: 'POST',
      url: '/notes',
      headers: { 'api-version': '2024-01-01' },
      payload: { text: 'x'.repeat(101) },
    })
    expect(res.statusCode).toBe(422)
  })
})
