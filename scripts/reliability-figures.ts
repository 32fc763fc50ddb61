// Runs the load-and-fault tests and writes what they measured into docs/reliability.md, between
// `<!-- figures:start -->` and `<!-- figures:end -->`:
//   npm run reliability:figures                       short profile (as in CI)
//   STRATA_RELIABILITY=full npm run reliability:figures
//   npm run reliability:figures -- --from <dir>      render figures recorded earlier, without running
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'

type Figures = Record<string, unknown> & { part: string; profile: string }

const doc = join(import.meta.dirname, '..', 'docs', 'reliability.md')
const from = process.argv.indexOf('--from')
const dir = from > 0 ? process.argv[from + 1] : mkdtempSync(join(tmpdir(), 'strata-figures-'))
if (dir === undefined || !existsSync(dir)) {
  process.stderr.write('Usage: reliability-figures [--from <directory of figures>]\n')
  process.exit(2)
}
if (from < 0) {
  const files = readdirSync(join(import.meta.dirname, '..', 'test', 'reliability'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `test/reliability/${name}`)
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'reliability', ...files], {
    stdio: 'inherit',
    env: { ...process.env, STRATA_FIGURES_DIR: dir },
  })
  if (run.status !== 0) {
    process.stderr.write('The reliability tests failed; docs/reliability.md is left as it was.\n')
    process.exit(1)
  }
}

const figures = new Map<string, Figures>(
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Figures
      return [data.part, data]
    }),
)
const get = (part: string) => figures.get(part)
const rows = (header: string[], body: unknown[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

const sections: string[] = []
const profile = [...figures.values()][0]?.profile ?? 'short'
const cpu = cpus()
sections.push(
  `Measured ${new Date().toISOString().slice(0, 10)}, ${profile} profile, Node ${process.version}, ` +
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB; ` +
    'the control-plane example on SQLite unless noted, started as its own process on loopback.',
)
const load = get('load') as (Figures & { runs: Record<string, number>[]; heapGrowthPercent: number }) | undefined
if (load !== undefined) {
  sections.push(
    `**Load** (${load.connections} connections, ${load.secondsPerRun} s per run after ${load.warmupSeconds} s warm-up; ` +
      `5xx: 0, errors: 0; live heap after a full GC ${load.heapGrowthPercent >= 0 ? '+' : ''}${load.heapGrowthPercent} % from run 1 to the largest later run):\n\n` +
      rows(
        ['run', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'live heap MiB', 'RSS MiB'],
        load.runs.map((r, i) => [
          i + 1,
          r.requests,
          r.rps,
          r.p50,
          r.p99,
          r.max,
          ((r.heapKiB ?? 0) / 1024).toFixed(1),
          ((r.rssKiB ?? 0) / 1024).toFixed(1),
        ]),
      ),
  )
}
const faults: unknown[][] = []
const rl = get('shared-rate-limits')
if (rl !== undefined) {
  faults.push([
    `two instances, one Redis, limit ${rl.limit}/${rl.windowSeconds}s`,
    `${rl.allowedShared} allowed in all; Redis down: ${(rl.allowedPerInstanceDuringOutage as number[]).join(' + ')} (per instance), slowest answer ${rl.slowestMsDuringOutage} ms; back: ${rl.allowedSharedAfterRecovery} allowed in all`,
  ])
}
const pgDown = get('postgres-outage')
if (pgDown !== undefined) {
  faults.push([
    'PostgreSQL stopped mid-run',
    `${pgDown.answersDuringOutage} requests answered ${(pgDown.statusesDuringOutage as number[]).join(', ')}, slowest ${pgDown.slowestMsDuringOutage} ms; writes succeed again after it returns, no restart`,
  ])
}
const pool = get('postgres-pool-exhausted')
if (pool !== undefined) {
  faults.push([
    'pool of 2 held by a table lock',
    `${pool.requests} requests answered ${(pool.statuses as number[]).join(', ')}, slowest ${pool.slowestMs} ms (deadlines 0.5 s wait + 1.5 s statement)`,
  ])
}
const full = get('sqlite-full')
if (full !== undefined) {
  faults.push([
    'SQLite disk full',
    `${full.acknowledgedBeforeFull} writes acknowledged before full, then ${full.refusedWith}; reads 200; lost: ${full.lost}`,
  ])
}
for (const [part, label] of [
  ['shutdown-sqlite', 'SIGTERM under write load, SQLite'],
  ['shutdown-postgres', 'SIGTERM under write load, PostgreSQL'],
] as const) {
  const f = get(part)
  if (f !== undefined)
    faults.push([
      label,
      `exit ${f.exitCode} after ${f.exitMs} ms; ${f.acknowledged} writes acknowledged, lost: ${f.lost}`,
    ])
}
const crash = get('crash-sqlite')
if (crash !== undefined) {
  faults.push([
    'SIGKILL under write load, SQLite',
    `${crash.acknowledged} writes acknowledged, ${crash.stored} stored (committed, answer not received), lost: ${crash.lost}; integrity_check ok`,
  ])
}
if (faults.length > 0) sections.push(`**Faults**:\n\n${rows(['fault', 'outcome'], faults)}`)

const text = readFileSync(doc, 'utf8')
const start = '<!-- figures:start -->'
const end = '<!-- figures:end -->'
const before = text.indexOf(start)
const after = text.indexOf(end)
if (before < 0 || after < before) {
  process.stderr.write(`docs/reliability.md has no ${start} ... ${end} block.\n`)
  process.exit(2)
}
writeFileSync(doc, `${text.slice(0, before + start.length)}\n${sections.join('\n\n')}\n${text.slice(after)}`)
process.stdout.write(`docs/reliability.md: figures from ${dir}\n`)
