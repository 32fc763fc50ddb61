import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningExample, startExample } from '../start-example.ts'
import { adapters, NOW } from './adapters.ts'

// Every adapter answers the same sequence of requests exactly as the Fastify one does: status, the
// headers a client reads, and the body (request ids and timestamps aside).

interface Exchange {
  readonly name: string
  readonly method?: string
  readonly path: string
  readonly headers?: Record<string, string>
  readonly body?: string
}

const json = { 'content-type': 'application/json' }
const exchanges: readonly Exchange[] = [
  {
    name: 'create at the default version',
    method: 'POST',
    path: '/api/v1/assets',
    headers: json,
    body: '{"name":"pump","source":"sap"}',
  },
  {
    name: 'create at head',
    method: 'POST',
    path: '/api/v1/assets',
    headers: { ...json, 'cdf-version': '20240601' },
    body: '{"title":"valve","externalId":"v-1"}',
  },
  { name: 'read at head', path: '/api/v1/assets/1', headers: { 'cdf-version': '20240601' } },
  { name: 'read at 20230205', path: '/api/v1/assets/1', headers: { 'cdf-version': '20230205' } },
  { name: 'read at beta', path: '/api/v1/assets/2', headers: { 'cdf-version': '20230203-beta' } },
  { name: 'list at the default version', path: '/api/v1/assets?size=1' },
  { name: 'list at head with limit', path: '/api/v1/assets?limit=1', headers: { 'cdf-version': '20240601' } },
  { name: 'playground', path: '/api/playground/assets/1' },
  { name: 'HEAD of a read', method: 'HEAD', path: '/api/v1/assets/1' },
  {
    name: 'patch at head',
    method: 'PATCH',
    path: '/api/v1/assets/2',
    headers: { ...json, 'cdf-version': '20240601' },
    body: '{"description":"d"}',
  },
  { name: 'sunset version', path: '/api/v1/assets/1', headers: { 'cdf-version': '20220601' } },
  { name: 'malformed version', path: '/api/v1/assets', headers: { 'cdf-version': 'garbage' } },
  { name: 'unknown path', path: '/api/v1/nothing' },
  { name: 'unknown path with a bad version', path: '/api/v1/nothing', headers: { 'cdf-version': 'garbage' } },
  { name: 'method not allowed', method: 'PUT', path: '/api/v1/assets/1', headers: json, body: '{}' },
  { name: 'invalid JSON', method: 'POST', path: '/api/v1/assets', headers: json, body: '{"name":' },
  { name: 'empty JSON body', method: 'POST', path: '/api/v1/assets', headers: json, body: '' },
  { name: 'not JSON', method: 'POST', path: '/api/v1/assets', headers: { 'content-type': 'text/plain' }, body: 'hi' },
  {
    name: 'validation failure at the old version',
    method: 'POST',
    path: '/api/v1/assets',
    headers: json,
    body: '{"title":"x"}',
  },
  {
    name: 'validation failure at head',
    method: 'POST',
    path: '/api/v1/assets',
    headers: { ...json, 'cdf-version': '20240601' },
    body: '{"title":"","criticality":"nope"}',
  },
  { name: 'bad path parameter', path: '/api/v1/assets/abc', headers: { 'cdf-version': '20240601' } },
  { name: 'bad query parameter', path: '/api/v1/assets?limit=0', headers: { 'cdf-version': '20240601' } },
  { name: 'missing asset', path: '/api/v1/assets/999', headers: { 'cdf-version': '20230205' } },
  {
    name: 'conflict',
    method: 'POST',
    path: '/api/v1/assets',
    headers: { ...json, 'cdf-version': '20240601' },
    body: '{"title":"again","externalId":"v-1"}',
  },
  { name: 'problem+json', path: '/api/v1/assets/999', headers: { accept: 'application/problem+json' } },
  {
    name: 'too large',
    method: 'POST',
    path: '/api/v1/assets',
    headers: json,
    body: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
  },
  { name: 'delete', method: 'DELETE', path: '/api/v1/assets/2', headers: { 'cdf-version': '20240601' } },
]

const READ_HEADERS = [
  'content-type',
  'cdf-version',
  'cdf-versions-supported',
  'cdf-version-reason',
  'deprecation',
  'sunset',
  'link',
  'allow',
]

async function answer(url: string, e: Exchange) {
  const res = await fetch(`${url}${e.path}`, {
    method: e.method ?? 'GET',
    ...(e.headers ? { headers: e.headers } : {}),
    ...(e.body !== undefined ? { body: e.body } : {}),
  })
  const text = await res.text()
  const headers = Object.fromEntries(READ_HEADERS.map((h) => [h, res.headers.get(h)]))
  // biome-ignore lint/suspicious/noExplicitAny: bodies are compared whole
  let body: any = text
  try {
    body = JSON.parse(text, (key, value) => (key === 'requestId' || key === 'timestamp' ? '<volatile>' : value))
  } catch {}
  return { status: res.status, headers, body }
}

const answers = new Map<string, Awaited<ReturnType<typeof answer>>[]>()
const running: RunningExample[] = []
beforeAll(async () => {
  // Each adapter runs the sequence in order on its own fresh data, so ids line up.
  for (const a of adapters) {
    const example = await startExample(a.example, { STRATA_NOW: NOW })
    running.push(example)
    const list = []
    for (const e of exchanges) list.push(await answer(example.url, e))
    answers.set(a.example, list)
  }
}, 60_000)
afterAll(async () => {
  for (const r of running) await r.stop()
})

describe.each(adapters.filter((a) => a.example !== 'calendar'))('$name answers as Fastify does', ({ example }) => {
  test.each(exchanges.map((e, i) => [e.name, i] as const))('%s -> same status, headers and body', (_name, i) => {
    expect(answers.get(example)![i]).toEqual(answers.get('calendar')![i])
  })
})
