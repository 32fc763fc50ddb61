// HTTP throughput of each Strata adapter against the same bare framework, alternating in one run:
// servers pinned to core 0, wrk to core 1. Prints one row per case (medians, spread, ratio, target)
// as a Markdown table. BENCH_FILTER (comma-separated substrings of a case label, e.g. `hono` or
// `fastify calendar,express`), BENCH_ROUNDS, BENCH_SECONDS, BENCH_WARMUP narrow or shorten a run;
// BENCH_HEADERS=1 adds bare Fastify sending Strata's headers to the synthetic Fastify cases.
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { type Case, cases } from './cases.ts'
import type { Variant } from './framework/variant.ts'
import { requireWrk, wrk } from './wrk.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const warmup = Number(process.env.BENCH_WARMUP ?? 1)
const filters = (process.env.BENCH_FILTER ?? '').split(',').map((f) => f.trim())
const withHeaders = process.env.BENCH_HEADERS === '1'
const here = new URL('.', import.meta.url).pathname

interface Started {
  port: number
  child: ChildProcess
}

async function start(c: Case, variant: Variant): Promise<Started> {
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
      c.framework,
      c.app,
      variant,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (\d+)/.exec(d.toString())
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`${c.framework} ${c.app} ${variant} server exited with ${code}`)))
  })
  return { port, child }
}

const bodyOf = (c: Case, v: Variant) => (v === 'strata' ? c.body : (c.bareBody ?? c.body))

/** One request before measuring: the server answers 2xx and, 10 versions back, in the old shape. */
async function check(port: number, c: Case, v: Variant): Promise<void> {
  const body = bodyOf(c, v)
  const res = await fetch(`http://127.0.0.1:${port}${c.path}`, {
    method: c.method,
    headers: { ...c.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  })
  const text = await res.text()
  if (res.status >= 300 || (v === 'strata' && c.expect !== undefined && !text.includes(c.expect))) {
    throw new Error(`${c.label} (${v}): unexpected answer ${res.status} ${text.slice(0, 200)}`)
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const range = (xs: readonly number[], digits: number) =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`

interface Row {
  c: Case
  runs: Map<Variant, number[]>
}

async function measure(group: Case[], variants: Variant[]): Promise<Row[]> {
  const servers = new Map<Variant, Started>()
  for (const v of variants) servers.set(v, await start(group[0]!, v))
  const rows: Row[] = []
  try {
    for (const c of group) {
      for (const v of variants) await check(servers.get(v)!.port, c, v)
      if (warmup > 0) for (const v of variants) wrk(servers.get(v)!.port, c, bodyOf(c, v), warmup)
      const runs = new Map<Variant, number[]>(variants.map((v) => [v, []]))
      for (let r = 0; r < rounds; r++) {
        // Alternate the order each round so drift (heat, the other core) does not favour one side.
        const order = r % 2 === 0 ? variants : [...variants].reverse()
        for (const v of order) runs.get(v)!.push(wrk(servers.get(v)!.port, c, bodyOf(c, v), seconds))
      }
      rows.push({ c, runs })
      console.error(`${c.label}: ${(median(runs.get('strata')!) / median(runs.get('bare')!)).toFixed(3)}`)
    }
  } finally {
    for (const s of servers.values()) s.child.kill('SIGTERM')
  }
  return rows
}

function report(rows: Row[]): void {
  console.log('| case | bare req/s (min–max) | strata req/s (min–max) | ratio | per-round ratios | target |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  for (const { c, runs } of rows) {
    const bare = runs.get('bare')!
    const strata = runs.get('strata')!
    const ratio = median(strata) / median(bare)
    const paired = strata.map((s, i) => s / bare[i]!)
    const target =
      c.target === undefined ? '–' : `≥ ${c.target.toFixed(2)}: ${ratio >= c.target ? 'met' : '**not met**'}`
    const headers = runs.get('bare-headers')
    const vsHeaders = headers
      ? ` (vs bare+headers ${median(headers).toFixed(0)}: ${(median(strata) / median(headers)).toFixed(3)})`
      : ''
    console.log(
      `| ${c.label} | ${median(bare).toFixed(0)} (${range(bare, 0)}) | ${median(strata).toFixed(0)} (${range(strata, 0)}) | ${ratio.toFixed(3)}${vsHeaders} | ${range(paired, 2)} | ${target} |`,
    )
  }
}

requireWrk()
const selected = cases.filter((c) => filters.some((f) => c.label.includes(f)))
const groups = new Map<string, Case[]>()
for (const c of selected) groups.set(`${c.framework} ${c.app}`, [...(groups.get(`${c.framework} ${c.app}`) ?? []), c])
const minutes = (selected.length * 2 * (rounds * seconds + warmup)) / 60
console.error(`${selected.length} cases, ${rounds} rounds of ${seconds} s each side: about ${minutes.toFixed(0)} min`)
const rows: Row[] = []
for (const group of groups.values()) {
  const first = group[0]!
  const variants: Variant[] =
    withHeaders && first.framework === 'fastify' && first.app === 'synthetic'
      ? ['bare', 'bare-headers', 'strata']
      : ['bare', 'strata']
  rows.push(...(await measure(group, variants)))
}
report(rows)
console.log(
  `\n${rounds} alternating rounds of ${seconds} s per case (after ${warmup} s warm-up each side), wrk -t1 -c32 on core 1, server on core 0, node ${process.version}`,
)
