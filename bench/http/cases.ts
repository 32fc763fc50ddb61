// What bench/http measures: each route at head and at an older version, per framework. Bare servers
// always get the head request (they know no other version).
import { type App, type Framework, frameworks } from './framework/variant.ts'

export interface Case {
  framework: Framework
  app: App
  /** `<framework> <app> <route>, <version>`: what BENCH_FILTER matches. */
  label: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
  /** What the bare server gets instead: the head body. */
  bareBody?: string
  /** Text Strata's answer must contain (the old field name 10 versions back): proves the migration ran. */
  expect?: string
  /** The floor for strata/bare, where it sets one. */
  target?: number
}

const item = (name: string) =>
  JSON.stringify({ id: 1, [name]: 'x', status: 'a', size: 1, owner: 'o', created: 'c', updated: 'u', note: 'n' })
const calendarBody = JSON.stringify({ title: 'bench', description: 'x', metadata: { a: 'b' } })
const calendarOldBody = JSON.stringify({ name: 'bench', description: 'x', metadata: { a: 'b' } })

interface At {
  label: string
  headers: Record<string, string>
  body?: string
  expect?: string
  target?: number
}

/** The same route at head and at an older version. */
function pair(framework: Framework, app: App, route: string, method: Case['method'], path: string, head: At, old: At) {
  const at = (r: At): Case => ({
    framework,
    app,
    label: `${framework} ${app} ${route}, ${r.label}`,
    method,
    path,
    headers: r.headers,
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(head.body !== undefined ? { bareBody: head.body } : {}),
    ...(r.expect !== undefined ? { expect: r.expect } : {}),
    ...(r.target !== undefined ? { target: r.target } : {}),
  })
  return [at(head), at(old)]
}

const tenBack = { label: '10 changes back', headers: { 'Api-Version': '2000-01-01' }, expect: '"f10"' }
const head = { label: 'head', headers: {}, target: 0.95 }

/** The synthetic app on one framework: single object and 1,000-item list GET, validated POST. */
const synthetic = (f: Framework): Case[] => [
  ...pair(f, 'synthetic', 'GET one object', 'GET', '/items/1', head, { ...tenBack, target: 0.9 }),
  ...pair(f, 'synthetic', 'GET 1,000-item list', 'GET', '/items', head, { ...tenBack, target: 0.8 }),
  ...pair(
    f,
    'synthetic',
    'POST one object',
    'POST',
    '/items',
    { ...head, body: item('f0') },
    { ...tenBack, body: item('f10'), target: 0.9 },
  ),
]

const cdfHead = { label: 'head', headers: { 'Cdf-Version': '20240601' } }
const oldest = { label: 'oldest (20230101)', headers: {} }
/** The calendar example's routes on its SQLite store: Fastify only (its bare baseline is Fastify's own routes). */
const calendar: Case[] = [
  ...pair('fastify', 'calendar', 'GET /assets/:id', 'GET', '/api/v1/assets/7', cdfHead, oldest),
  ...pair(
    'fastify',
    'calendar',
    'POST /assets',
    'POST',
    '/api/v1/assets',
    { ...cdfHead, body: calendarBody },
    { ...oldest, body: calendarOldBody },
  ),
]

export const cases: Case[] = [...calendar, ...frameworks.flatMap(synthetic)]
