// HTTP throughput of Strata against bare Fastify, alternating in one run: the server is pinned to
// core 0 and wrk to core 1. Prints requests/s per route and version and the ratio strata/bare.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const here = new URL('.', import.meta.url).pathname

try {
  execFileSync('wrk', ['--version'], { stdio: 'ignore' })
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error('wrk is not installed: run `apt-get install -y wrk` (Debian) and try again')
    process.exit(2)
  }
}

interface Case {
  app: 'calendar' | 'synthetic'
  label: string
  method: 'GET' | 'POST'
  path: string
  body?: string
  /** What bare Fastify gets instead: the head body (it knows no other version). */
  bareBody?: string
  headers: Record<string, string>
}

const calendarBody = JSON.stringify({ title: 'bench', description: 'x', metadata: { a: 'b' } })
const calendarOldBody = JSON.stringify({ name: 'bench', description: 'x', metadata: { a: 'b' } })
const itemBody = JSON.stringify({
  id: 1,
  f0: 'x',
  status: 'a',
  size: 1,
  owner: 'o',
  created: 'c',
  updated: 'u',
  note: 'n',
})
const itemOldBody = JSON.stringify({
  id: 1,
  f10: 'x',
  status: 'a',
  size: 1,
  owner: 'o',
  created: 'c',
  updated: 'u',
  note: 'n',
})
/** The same route at head and at an older version; bare Fastify always gets the head request. */
function pair(
  app: Case['app'],
  route: string,
  method: Case['method'],
  path: string,
  old: { label: string; headers: Record<string, string>; body?: string },
  head: { headers: Record<string, string>; body?: string },
): Case[] {
  const at = (label: string, r: { headers: Record<string, string>; body?: string }): Case => ({
    app,
    label: `${app} ${route}, ${label}`,
    method,
    path,
    headers: r.headers,
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(head.body !== undefined ? { bareBody: head.body } : {}),
  })
  return [at('head', head), at(old.label, old)]
}

const oldest = { label: 'oldest (20230101)', headers: {} }
const tenBack = { label: '10 changes back', headers: { 'Api-Version': '2000-01-01' } }
const cases: Case[] = [
  ...pair('calendar', 'GET /assets/:id', 'GET', '/api/v1/assets/7', oldest, { headers: { 'Cdf-Version': '20240601' } }),
  ...pair(
    'calendar',
    'POST /assets',
    'POST',
    '/api/v1/assets',
    { ...oldest, body: calendarOldBody },
    { headers: { 'Cdf-Version': '20240601' }, body: calendarBody },
  ),
  ...pair('synthetic', 'GET one object', 'GET', '/items/1', tenBack, { headers: {} }),
  ...pair('synthetic', 'GET 1,000-item list', 'GET', '/items', tenBack, { headers: {} }),
  ...pair(
    'synthetic',
    'POST one object',
    'POST',
    '/items',
    { ...tenBack, body: itemOldBody },
    { headers: {}, body: itemBody },
  ),
]

async function start(app: string, variant: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    'taskset',
    [
      '-c',
      '0',
      process.execPath,
      '--conditions=strata-source',
      '--import',
      'tsx',
      join(here, 'server.ts'),
      app,
      variant,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (\d+)/.exec(d.toString())
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`${app}/${variant} server exited with ${code}`)))
  })
  return { port, child }
}

type Variant = 'bare' | 'bare-headers' | 'strata'

function wrk(port: number, c: Case, variant: Variant): number {
  const body = variant === 'strata' ? c.body : (c.bareBody ?? c.body)
  const script = join(tmpdir(), `strata-wrk-${process.pid}.lua`)
  const headers = { ...c.headers, ...(body ? { 'Content-Type': 'application/json' } : {}) }
  writeFileSync(
    script,
    `wrk.method = "${c.method}"\n${body ? `wrk.body = ${JSON.stringify(body)}\n` : ''}${Object.entries(headers)
      .map(([k, v]) => `wrk.headers["${k}"] = "${v}"`)
      .join('\n')}\n`,
  )
  const out = execFileSync('taskset', [
    '-c',
    '1',
    'wrk',
    '-t1',
    '-c32',
    `-d${seconds}s`,
    '-s',
    script,
    `http://127.0.0.1:${port}${c.path}`,
  ]).toString()
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)
  if (non2xx) throw new Error(`${c.label}: ${non2xx[1]} non-2xx responses\n${out}`)
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)
}

// BENCH_FILTER=POST runs only the cases whose label contains it.
const filter = process.env.BENCH_FILTER ?? ''
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const selected = cases.filter((c) => c.label.includes(filter))
// The synthetic app also runs bare Fastify sending the same informational headers, to tell what the
// headers themselves cost from what Strata's negotiation and hooks cost.
const variantsOf = (app: Case['app']): Variant[] =>
  app === 'synthetic' ? ['bare', 'bare-headers', 'strata'] : ['bare', 'strata']
for (const app of (['calendar', 'synthetic'] as const).filter((a) => selected.some((c) => c.app === a))) {
  const variants = variantsOf(app)
  const servers = new Map<Variant, Awaited<ReturnType<typeof start>>>()
  for (const v of variants) servers.set(v, await start(app, v))
  for (const c of selected.filter((x) => x.app === app)) {
    const runs = new Map<Variant, number[]>(variants.map((v) => [v, []]))
    for (let r = 0; r < rounds; r++) {
      // Alternate the order each round so drift (heat, the other core) does not favour one side.
      const order = r % 2 === 0 ? variants : [...variants].reverse()
      for (const v of order) runs.get(v)!.push(wrk(servers.get(v)!.port, c, v))
    }
    const rate = (v: Variant) => median(runs.get(v)!)
    const withHeaders = runs.has('bare-headers')
      ? `  bare+headers ${rate('bare-headers').toFixed(0).padStart(7)} (strata/that ${(rate('strata') / rate('bare-headers')).toFixed(3)})`
      : ''
    console.log(
      `${c.label.padEnd(48)} bare ${rate('bare').toFixed(0).padStart(7)} req/s  strata ${rate('strata').toFixed(0).padStart(7)} req/s  ratio ${(rate('strata') / rate('bare')).toFixed(3)}${withHeaders}`,
    )
  }
  for (const s of servers.values()) s.child.kill('SIGTERM')
}
console.log(
  `\n${rounds} alternating rounds of ${seconds} s per case, wrk -t1 -c32 on core 1, server on core 0, node ${process.version}`,
)
