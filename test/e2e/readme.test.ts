import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

// The README's first example, run as written (it exports `app`), so the README stays true to the code.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const snippet = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
// biome-ignore lint/suspicious/noExplicitAny: the snippet's Fastify app, loaded dynamically
let app: any
const dir = mkdtempSync(join(new URL('.', import.meta.url).pathname, '.readme-'))

beforeAll(async () => {
  const file = join(dir, 'snippet.ts')
  writeFileSync(file, snippet)
  app = (await import(file)).app
})
afterAll(async () => {
  await app?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('README first example', () => {
  test('Cdf-Version: 20240601 -> head body {"id":1,"title":"pump"}', async () => {
    const res = await app.inject({ url: '/assets/1', headers: { 'cdf-version': '20240601' } })
    expect(res.json()).toEqual({ id: 1, title: 'pump' })
  })

  test('no header -> 20230101: {"id":1,"name":"pump"} with Deprecation and Sunset as the comment says', async () => {
    const res = await app.inject({ url: '/assets/1' })
    expect(res.json()).toEqual({ id: 1, name: 'pump' })
    expect(res.headers.deprecation).toBe('@1793491200')
    expect(res.headers.sunset).toBe('Mon, 01 Nov 2027 00:00:00 GMT')
  })

  test('Cdf-Version: 20220101 -> 410 VERSION_UNKNOWN naming 20240601', async () => {
    const res = await app.inject({ url: '/assets/1', headers: { 'cdf-version': '20220101' } })
    expect(res.statusCode).toBe(410)
    expect(res.json()).toMatchObject({ status: '410', error: { code: 'VERSION_UNKNOWN', latest_version: '20240601' } })
  })
})
