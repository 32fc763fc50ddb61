import { afterEach, describe, expect, test } from 'vitest'
import { type ScriptedServer, sendJson, startScriptedServer } from '../../test/helpers/scripted-server.ts'
import { createClient } from './create-client.ts'

let server: ScriptedServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})
const ids = Array.from({ length: 7 }, (_, i) => `sa-${i}`)
// Opaque: characters a client might be tempted to decode or re-encode.
const token = (offset: number) => encodeURIComponent(`t+${offset}/==?&x`)
const offsetOf = (url: string) => {
  const raw = /page_token=([^&]*)/.exec(url)?.[1]
  return raw === undefined ? 0 : Number(/^t\+(\d+)/.exec(decodeURIComponent(raw))?.[1])
}

describe('paginate and pages', () => {
  test('7 items, 3 per page, metadata.next absolute with an opaque token -> 7 items in order, tokens sent byte for byte', async () => {
    server = await startScriptedServer((req, res) => {
      const from = offsetOf(req.url)
      const next =
        from + 3 < ids.length ? `${server?.url}/iam/v2/service-accounts?page_token=${token(from + 3)}` : undefined
      sendJson(res, 200, {
        api_version: 'iam/v2',
        kind: 'ServiceAccountList',
        metadata: { ...(next !== undefined ? { next } : {}), total_size: 7 },
        data: ids.slice(from, from + 3).map((id) => ({ id })),
      })
    })
    const client = createClient({ baseUrl: server.url, versionByPrefix: { '/iam': { segment: 'v2' } } })
    const seen: string[] = []
    for await (const item of client.paginate('/iam/service-accounts', { query: { page_size: 3 } }))
      seen.push((item as { id: string }).id)
    expect(seen).toEqual(ids)
    expect(server.requests.map((r) => r.url)).toEqual([
      '/iam/v2/service-accounts?page_size=3',
      `/iam/v2/service-accounts?page_token=${token(3)}`,
      `/iam/v2/service-accounts?page_token=${token(6)}`,
    ])
  })

  test('Link rel="next" only, bare array bodies -> pages yields 3 whole pages with headers', async () => {
    server = await startScriptedServer((req, res) => {
      const from = offsetOf(req.url)
      const link = from + 3 < ids.length ? `</things?page_token=${token(from + 3)}>; rel="next"` : ''
      sendJson(res, 200, ids.slice(from, from + 3), link !== '' ? { link } : {})
    })
    const pages = []
    for await (const page of createClient({ baseUrl: server.url }).pages('/things')) pages.push(page)
    expect(pages.map((p) => p.body)).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)])
    expect(pages[0]?.headers.get('link')).toContain('rel="next"')
  })

  test('Cognite items + nextCursor -> cursor added to the first query, other parameters kept', async () => {
    server = await startScriptedServer((req, res) => {
      const cursor = Number(new URL(req.url, 'http://x').searchParams.get('cursor') ?? 0)
      const next = cursor + 3 < ids.length ? { nextCursor: String(cursor + 3) } : {}
      sendJson(res, 200, { items: ids.slice(cursor, cursor + 3), ...next })
    })
    const all = []
    for await (const id of createClient({ baseUrl: server.url }).paginate('/assets', { query: { limit: 3 } }))
      all.push(id)
    expect(all).toEqual(ids)
    expect(server.requests.map((r) => r.url)).toEqual([
      '/assets?limit=3',
      '/assets?limit=3&cursor=3',
      '/assets?limit=3&cursor=6',
    ])
  })

  test('custom items and next -> used instead of the defaults', async () => {
    server = await startScriptedServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('p') ?? 0)
      sendJson(res, 200, { rows: [page], more: page < 2 })
    })
    const all: number[] = []
    const rows = createClient({ baseUrl: server.url }).paginate('/r', {
      items: (body) => (body as { rows: number[] }).rows,
      next: (page) =>
        (page.body as { more: boolean }).more ? { query: { p: server?.requests.length ?? 0 } } : undefined,
    })
    for await (const row of rows) all.push(row)
    expect(all).toEqual([0, 1, 2])
  })

  test('a server that repeats its next link -> ClientError instead of an endless loop', async () => {
    server = await startScriptedServer((_req, res) =>
      sendJson(res, 200, { data: [1], metadata: { next: '/loop?page_token=same' } }),
    )
    const walk = async () => {
      for await (const _ of createClient({ baseUrl: server!.url }).paginate('/loop')) {
      }
    }
    await expect(walk()).rejects.toThrow('The list repeats its next page (/loop?page_token=same)')
    expect(server.requests).toHaveLength(2)
  })

  test('a next link to another origin -> refused before anything is sent there', async () => {
    server = await startScriptedServer((_req, res) =>
      sendJson(res, 200, { data: [1], metadata: { next: 'http://elsewhere.example/steal?page_token=x' } }),
    )
    const walk = async () => {
      for await (const _ of createClient({ baseUrl: server!.url, auth: { bearer: 'secret' } }).paginate('/x')) {
      }
    }
    await expect(walk()).rejects.toThrow(
      /Refusing to send a request for http:\/\/127\.0\.0\.1:\d+ to http:\/\/elsewhere\.example/,
    )
  })

  test('a body that is not a list -> error naming the path and the items option', async () => {
    server = await startScriptedServer((_req, res) => sendJson(res, 200, { thing: 1 }))
    const walk = async () => {
      for await (const _ of createClient({ baseUrl: server!.url }).paginate('/one')) {
      }
    }
    await expect(walk()).rejects.toThrow(
      'GET /one is not a list page (no data[] or items[]); pass items: (body) => ... to paginate',
    )
  })
})

test('version per prefix (X-API-Version 3 on /devices), absolute next links -> every page at 3, one deprecation notice', async () => {
  const notices: string[] = []
  server = await startScriptedServer((req, res) => {
    const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset') ?? 0)
    const next = offset < 4 ? { link: `<${server?.url}/api/devices?offset=${offset + 2}>; rel="next"` } : {}
    const used = String(req.headers['x-api-version'] ?? '1')
    sendJson(res, 200, { data: [offset, offset + 1] }, { ...next, 'x-api-version-used': used, deprecation: 'true' })
  })
  const client = createClient({
    baseUrl: `${server.url}/api`,
    versionByPrefix: { '/devices': { header: 'X-API-Version', value: '3' } },
    onDeprecation: (n) => notices.push(`${n.route} ${n.version}`),
  })
  const rows: unknown[] = []
  for await (const row of client.paginate('/devices')) rows.push(row)
  expect(rows).toEqual([0, 1, 2, 3, 4, 5])
  expect(server.requests.map((r) => r.headers['x-api-version'])).toEqual(['3', '3', '3'])
  expect(notices).toEqual(['/devices 3'])
})
