import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import { defineChange, endpoint, schema } from '../../change/index.ts'
import { isStrataError } from '../../error/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { generateContracts } from '../../openapi/contract/index.ts'
import { contractSourceOf } from '../../runtime/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { calendarScheme, defineVersions } from '../../version/index.ts'
import { strata } from './plugin.ts'

// biome-ignore lint/suspicious/noExplicitAny: documents are asserted member by member
type Doc = any

const Note = defineSchema('Note', {
  type: 'object',
  required: ['id', 'text'],
  properties: { id: { type: 'integer' }, text: { type: 'string' } },
})
const renameNoteBodyToText = defineChange({
  name: 'renameNoteBodyToText',
  description: 'Note `body` is now `text`.',
  instructions: [schema(Note).field('text').renamedFrom('body')],
})
const moveNotes = defineChange({
  name: 'moveNotesUnderV2',
  description: 'Notes moved under /v2.',
  instructions: [endpoint('GET', '/v2/notes/:id').renamedFrom({ path: '/notes/:id' })],
})

let app: FastifyInstance
afterEach(() => app?.close())

async function build(): Promise<FastifyInstance> {
  app = Fastify()
  await app.register(strata, {
    api: defineApi({
      versions: defineVersions({
        scheme: calendarScheme(),
        versions: [{ id: '2024-01-01' }, { id: '2025-01-01', changes: [renameNoteBodyToText, moveNotes] }],
      }),
      negotiation: { sources: [fromHeader('Api-Version')], playground: ['/playground'] },
    }),
  })
  const params = { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } }
  app.get(
    '/v2/notes/:id',
    { schema: { params, summary: 'Read a note', tags: ['notes'], response: { 200: Note.schema } } },
    async () => ({ id: 1, text: 'x' }),
  )
  app.get('/playground/notes/:id', { schema: { response: { 200: Note.schema } } }, async () => ({ id: 1, text: 'x' }))
  await app.ready()
  return app
}

describe('contractSourceOf (Fastify)', () => {
  test('ready app with the plugin -> head routes with params and operation text, aliases left out', async () => {
    const source = contractSourceOf(await build())
    expect(source.routes.map((r) => `${r.spec.method} ${r.spec.path}`)).toEqual([
      'GET /v2/notes/:id',
      'GET /playground/notes/:id',
    ])
    expect(source.routes[0]).toMatchObject({ meta: { summary: 'Read a note', tags: ['notes'] } })
    expect(source.routes[0]?.params).toBeDefined()
  })

  test('endpoint renamed in 2025: the 2024 contract has the old path and field, playground routes never appear', async () => {
    const contracts = generateContracts(contractSourceOf(await build()), { now: new Date('2026-01-01') })
    const [old, head] = contracts.map((c) => c.document as Doc)
    expect(Object.keys(old.paths)).toEqual(['/notes/{id}'])
    expect(Object.keys(head.paths)).toEqual(['/v2/notes/{id}'])
    expect(old.paths['/notes/{id}'].get).toMatchObject({ summary: 'Read a note', tags: ['notes'] })
    expect(old.paths['/notes/{id}'].get.parameters[0]).toEqual({
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    })
    expect(Object.keys(old.components.schemas.Note.properties)).toEqual(['id', 'body'])
  })

  test('app without the strata plugin -> STRATA_ERR_CONTRACT_NO_PLUGIN naming the fix', async () => {
    app = Fastify()
    await app.ready()
    let error: unknown
    try {
      contractSourceOf(app)
    } catch (e) {
      error = e
    }
    expect(isStrataError(error, 'STRATA_ERR_CONTRACT_NO_PLUGIN')).toBe(true)
    expect((error as Error).message).toContain('await app.register(strata, { api })')
  })
})
