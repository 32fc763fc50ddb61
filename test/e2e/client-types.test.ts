import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from 'strata/client'
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest'
import type { Versions, v20240601 } from '../../examples/calendar/client-types.ts'
import { type RunningExample, startExample } from './start-example.ts'

// `strata client-types` run on the calendar example's contracts: the committed file is what the
// command writes today, and the types it holds make each version's fields the only ones that compile.

const committed = 'examples/calendar/client-types.ts'
const strata = (...args: string[]) => spawnSync(process.execPath, ['bin/strata.js', ...args], { encoding: 'utf8' })

describe('strata client-types', () => {
  test('calendar contracts -> exit 0, the committed examples/calendar/client-types.ts byte for byte (after biome format)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'strata-client-types-')), 'types.ts')
    const run = strata('client-types', '--contracts', 'examples/calendar/contracts', '--out', out)
    expect([run.status, run.stdout]).toEqual([
      0,
      `Wrote the types of 4 versions (20230101, 20230201, 20230203-beta, 20240601) to ${out}\n`,
    ])
    const formatted = spawnSync('node_modules/.bin/biome', ['format', `--stdin-file-path=${committed}`], {
      input: readFileSync(out, 'utf8'),
      encoding: 'utf8',
    })
    expect(formatted.stdout).toBe(readFileSync(committed, 'utf8'))
  })

  test.each([
    [['--contracts', 'no/such/folder', '--out', '/tmp/x.ts'], /contracts folder not found/],
    [['--contracts', 'src/client', '--out', '/tmp/x.ts'], /no contracts/],
    [['--out', '/tmp/x.ts'], /required option '--contracts <dir>'/],
  ])('client-types %j -> exit 2 with one line saying why', (args, message) => {
    const run = strata('client-types', ...args)
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('generated types plugged into createClient, against the running calendar example', () => {
  let example: RunningExample
  beforeAll(async () => {
    example = await startExample('calendar', { STRATA_NOW: '2026-12-01T00:00:00Z' })
  }, 60_000)
  afterAll(async () => {
    await example?.stop()
  })
  const at = <V extends keyof Versions>(version: V) =>
    createClient<Versions[V]>({ baseUrl: example.url, version: { header: 'Cdf-Version', value: version } })

  test('an asset at 20230201 has name (title is a compile error); at 20240601 title (name is a compile error)', async () => {
    const created = await at('20240601').post('/api/v1/assets', { body: { title: 'typed pump' } })
    expectTypeOf(created.body).toEqualTypeOf<v20240601.components['schemas']['Asset']>()
    const id = created.body.id
    const old = (await at('20230201').get('/api/v1/assets/{id}', { params: { id } })).body
    const now = (await at('20240601').get('/api/v1/assets/{id}', { params: { id } })).body
    expectTypeOf(old.name).toEqualTypeOf<string>()
    expectTypeOf(now.title).toEqualTypeOf<string>()
    expectTypeOf(old.createdTime).toEqualTypeOf<number>()
    expectTypeOf(now.createdTime).toEqualTypeOf<string>()
    // @ts-expect-error: `title` arrives in 20240601; at 20230201 the field is `name`
    void old.title
    // @ts-expect-error: `name` was renamed to `title` in 20240601
    void now.name
    expect([old.name, now.title]).toEqual(['typed pump', 'typed pump'])
  })

  test('bodies and queries are typed per version: the old create needs name, the list query is limit', async () => {
    const c = at('20230201')
    // @ts-expect-error: at 20230201 an asset is created with `name`, not `title`
    await expect(c.post('/api/v1/assets', { body: { title: 'x' } })).rejects.toMatchObject({ status: 422 })
    const page = await c.get('/api/v1/assets', { query: { limit: 1 } })
    expectTypeOf(page.body.items).toEqualTypeOf<
      Versions['20230201']['/api/v1/assets']['get']['responses'][200]['content']['application/json']['items']
    >()
    // Open enums: a criticality this client version does not know is still a valid value.
    expectTypeOf<'catastrophic'>().toExtend<(typeof page.body.items)[number]['criticality']>()
    expect(page.body.items.length).toBe(1)
  })
})
