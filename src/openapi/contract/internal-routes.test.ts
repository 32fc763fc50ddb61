import Fastify from 'fastify'
import { describe, expect, test } from 'vitest'
import { strata } from '../../adapters/fastify/index.ts'
import { defineApi } from '../../api/index.ts'
import { defineChange, schema } from '../../change/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { contractSourceOf, createRuntime, defineRoute } from '../../runtime/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { buildChangelog } from './changelog.ts'
import { generateContracts } from './generate-contract.ts'

// An internal route carries no promise (Confluent: an undocumented endpoint): it is served and
// versioned like any other, but contracts, the changelog and therefore `strata check` leave it out.

const Note = defineSchema('Note', { type: 'object', properties: { id: { type: 'integer' }, text: { type: 'string' } } })
const Probe = defineSchema('Probe', { type: 'object', properties: { load: { type: 'number' } } })
const renameNoteBody = defineChange({
  name: 'renameNoteBodyToText',
  description: 'Note `body` is now `text`.',
  instructions: [schema(Note).field('text').renamedFrom('body')],
})
const renameProbeCpu = defineChange({
  name: 'renameProbeCpuToLoad',
  description: 'Probe `cpu` is now `load`.',
  instructions: [schema(Probe).field('load').renamedFrom('cpu')],
})
const api = () =>
  defineApi({
    versions: defineVersions({
      scheme: integerScheme(),
      versions: [{ id: '1' }, { id: '2', changes: [renameNoteBody, renameProbeCpu] }],
    }),
    negotiation: { sources: [fromHeader('Api-Version')], default: 'latest' },
  })
const NOW = new Date('2026-12-01T00:00:00Z')

describe('internal routes', () => {
  test('runtime route marked internal -> served at every version, absent from every contract and the changelog', async () => {
    const runtime = createRuntime({
      api: api(),
      routes: [
        defineRoute({
          method: 'GET',
          path: '/notes/:id',
          responses: { 200: Note },
          handler: () => ({ id: 1, text: 'x' }),
        }),
        defineRoute({
          method: 'GET',
          path: '/_probe',
          internal: true,
          responses: { 200: Probe },
          handler: () => ({ load: 0.5 }),
        }),
      ],
    })
    const old = await runtime.handle({ method: 'GET', url: '/_probe', headers: { 'api-version': '1' } })
    expect([old.status, JSON.parse(old.body!)]).toEqual([200, { cpu: 0.5 }])
    const source = runtime.registry.contractSource()
    for (const c of generateContracts(source, { now: NOW })) {
      expect(Object.keys(c.document.paths as object)).toEqual(['/notes/{id}'])
      expect((c.document.components as { schemas: object }).schemas).not.toHaveProperty('Probe')
    }
    const [v2] = buildChangelog(source, { now: NOW })
    expect(v2?.changes.map((c) => c.name)).toEqual(['renameNoteBodyToText'])
  })

  test('Fastify route with config.strata.internal or schema.hide -> left out of contracts; others kept', async () => {
    const app = Fastify()
    await app.register(strata, { api: api() })
    app.get('/notes/:id', { schema: { response: { 200: Note.schema } } }, async () => ({ id: 1, text: 'x' }))
    app.get('/_probe', { config: { strata: { internal: true } }, schema: { response: { 200: Probe.schema } } }, () => ({
      load: 1,
    }))
    app.get('/_debug', { schema: { hide: true } as never }, async () => ({}))
    await app.ready()
    const [contract] = generateContracts(contractSourceOf(app), { now: NOW })
    expect(Object.keys(contract!.document.paths as object)).toEqual(['/notes/{id}'])
    const res = await app.inject({ url: '/_probe', headers: { 'api-version': '1' } })
    expect([res.statusCode, res.json()]).toEqual([200, { cpu: 1 }])
    await app.close()
  })
})
