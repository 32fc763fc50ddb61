// Throughput cost of usage recording: the calendar program on node:http with recording on and off,
// alternating wrk rounds (server on core 0, wrk on core 1), median of BENCH_ROUNDS (default 5) rounds of
// BENCH_SECONDS (default 3) s each side. Target: recording costs at most 3 % (ratio on/off ≥ 0.97).
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Case } from '../http/cases.ts'
import { requireWrk, wrk } from '../http/wrk.ts'

const seconds = Number(process.env.BENCH_SECONDS ?? 3)
const rounds = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 5))
const here = new URL('.', import.meta.url).pathname
type Side = 'off' | 'on'

async function start(side: Side): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    'taskset',
    ['-c', '0', process.execPath, '--conditions=strata-source', '--import', 'tsx', join(here, 'server.ts'), side],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const m = /listening on (\d+)/.exec(d.toString())
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`usage ${side} server exited with ${code}`)))
  })
  return { port, child }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

requireWrk()
const servers = { off: await start('off'), on: await start('on') }
try {
  // An asset to read at the deprecated version (its answer migrates down two versions).
  for (const side of ['off', 'on'] as const) {
    const res = await fetch(`http://127.0.0.1:${servers[side].port}/api/v1/assets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cdf-version': '20230101' },
      body: JSON.stringify({ name: 'pump', source: 'sap' }),
    })
    if (res.status >= 300) throw new Error(`seeding the ${side} server: ${res.status} ${await res.text()}`)
  }
  const c: Case = {
    framework: 'node',
    app: 'calendar',
    label: 'GET /api/v1/assets/1 at 20230101',
    method: 'GET',
    path: '/api/v1/assets/1',
    headers: { 'Cdf-Version': '20230101', 'X-Client-Id': 'bench' },
  }
  for (const side of ['off', 'on'] as const) wrk(servers[side].port, c, undefined, 1)
  const runs: Record<Side, number[]> = { off: [], on: [] }
  for (let r = 0; r < rounds; r++) {
    const order: Side[] = r % 2 === 0 ? ['off', 'on'] : ['on', 'off']
    for (const side of order) runs[side].push(wrk(servers[side].port, c, undefined, seconds))
  }
  const ratio = median(runs.on) / median(runs.off)
  console.log('| case | off req/s | on req/s | ratio on/off | per-round ratios | target ≥ 0.97 |')
  console.log('| --- | --- | --- | --- | --- | --- |')
  const paired = runs.on.map((x, i) => (x / runs.off[i]!).toFixed(3)).join(', ')
  console.log(
    `| ${c.label} | ${median(runs.off).toFixed(0)} | ${median(runs.on).toFixed(0)} | ${ratio.toFixed(3)} | ${paired} | ${ratio >= 0.97 ? 'met' : '**not met**'} |`,
  )
  console.log(
    `\n${rounds} alternating rounds of ${seconds} s, wrk -t1 -c32 on core 1, server on core 0, node ${process.version}`,
  )
} finally {
  servers.off.child.kill('SIGTERM')
  servers.on.child.kill('SIGTERM')
}
