// Times strata diff against npm-installable peers on real documents, each tool in its own child
// process under /usr/bin/time -v, with a per-tool timeout. Usage: (cd bench/diff && npm install && node run.mjs)
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const stripe = path.resolve(repo, '../shared/corpus/stripe')
const results = path.join(repo, 'bench/results')
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 120) * 1000
mkdirSync(results, { recursive: true })

const bin = (name) => path.join(here, 'node_modules/.bin', name)
// STRATA_BASELINE: another checkout of strata (built), measured in the same run for a before/after figure.
const baseline = process.env.STRATA_BASELINE
const tools = {
  strata: (a, b) => [process.execPath, [path.join(repo, 'bin/strata.js'), 'diff', a, b, '--format', 'json']],
  ...(baseline === undefined
    ? {}
    : {
        'strata (baseline)': (a, b) => [
          process.execPath,
          [path.join(baseline, 'bin/strata.js'), 'diff', a, b, '--format', 'json'],
        ],
      }),
  // Loose validation: in strict mode Optic refuses GitHub's description before comparing anything.
  optic: (a, b) => [bin('optic'), ['diff', a, b, '--check', '--validation', 'loose']],
  'openapi-diff': (a, b) => [bin('openapi-diff'), [a, b]],
  'api-smart-diff': (a, b) => [process.execPath, [path.join(here, 'peer-api-smart-diff.mjs'), a, b]],
}

function findingsOf(tool, stdout) {
  try {
    if (tool.startsWith('strata')) {
      const { summary } = JSON.parse(stdout)
      return `${summary.breaking + summary.warning + summary.info} (${summary.breaking} breaking)`
    }
    if (tool === 'api-smart-diff') {
      const r = JSON.parse(stdout)
      return `${r.findings} (${r.breaking} breaking)`
    }
    if (tool === 'openapi-diff') {
      const r = JSON.parse(stdout.slice(stdout.indexOf('{')))
      const n = (k) => (r[k] ?? []).length
      return `${n('breakingDifferences') + n('nonBreakingDifferences') + n('unclassifiedDifferences')} (${n('breakingDifferences')} breaking)`
    }
  } catch {}
  return `${stdout.split('\n').filter((l) => l.trim() !== '').length} lines`
}

function run(tool, a, b) {
  const [cmd, args] = tools[tool](a, b)
  // `timeout` kills the tool itself (not only /usr/bin/time), and time -v still reports its peak RSS.
  const r = spawnSync('/usr/bin/time', ['-v', 'timeout', '-s', 'KILL', String(timeoutMs / 1000), cmd, ...args], {
    cwd: here,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
  })
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : Number.NaN
  const exit = /Exit status: (\d+)/.exec(r.stderr)?.[1] ?? String(r.status)
  if (exit === '137' || seconds >= timeoutMs / 1000 - 0.5)
    return { tool, seconds, rssMb: Number.NaN, findings: '-', reported: false, status: `timeout ${timeoutMs / 1000}s` }
  const crashed = !['0', '1'].includes(exit) && tool !== 'openapi-diff'
  // A tool that printed nothing compared nothing (Optic and openapi-diff exit 1 when they reject the input).
  const reported = r.stdout.trim() !== '' && !crashed
  const tail = r.stderr
    .split('\n')
    .find((l) => /error|Error|invalid/.test(l))
    ?.slice(0, 80)
  return {
    tool,
    seconds,
    rssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    findings: reported ? findingsOf(tool, r.stdout) : '-',
    reported,
    status: reported ? `exit ${exit}` : `no report, exit ${exit}${tail ? `: ${tail}` : ''}`,
  }
}

function githubPair() {
  const source = [
    path.join(here, 'node_modules/@octokit/openapi/generated/api.github.com.json'),
    path.join(cacheDir(), 'api.github.com-23.0.0.json'),
  ].find((file) => existsSync(file))
  if (source === undefined) return undefined
  // Outside the repository: Biome would otherwise lint 13 MB of generated JSON.
  const work = mkdtempSync(path.join(tmpdir(), 'strata-bench-'))
  const old = path.join(work, 'github-old.json')
  const next = path.join(work, 'github-new.json')
  const doc = JSON.parse(readFileSync(source, 'utf8'))
  writeFileSync(old, JSON.stringify(doc))
  // A realistic next version: one operation removed, a property renamed, a required parameter added.
  delete doc.paths['/repos/{owner}/{repo}/issues/{issue_number}/lock'].delete
  const user = doc.components.schemas['simple-user'].properties
  user.username = user.login
  delete user.login
  doc.components.schemas['simple-user'].required = doc.components.schemas['simple-user'].required.map((r) =>
    r === 'login' ? 'username' : r,
  )
  doc.paths['/repos/{owner}/{repo}/pulls'].get.parameters.push({
    name: 'tenant',
    in: 'query',
    required: true,
    schema: { type: 'string' },
  })
  writeFileSync(next, JSON.stringify(doc))
  return { name: 'github (13 MB JSON, mutated)', old, next }
}

const pairs = JSON.parse(readFileSync(path.join(stripe, 'pairs.json'), 'utf8')).pairs.map((p) => ({
  name: `stripe ${p.name}`,
  old: path.join(stripe, p.old.file),
  next: path.join(stripe, p.new.file),
}))
function cacheDir() {
  return path.join(process.env.STRATA_BENCH_CACHE ?? path.join(homedir(), '.cache/strata-bench'), 'octokit-openapi')
}

/** Two consecutive real releases from the cache precision.mjs fills (`npm pack @octokit/openapi`), when present. */
function githubReleasePair() {
  const dir = path.join(
    process.env.STRATA_BENCH_CACHE ?? path.join(homedir(), '.cache/strata-bench'),
    'octokit-openapi',
  )
  const [from, to] = (process.env.GITHUB_RELEASE_PAIR ?? '22.0.0,23.0.0').split(',')
  const old = path.join(dir, `api.github.com-${from}.json`)
  const next = path.join(dir, `api.github.com-${to}.json`)
  return existsSync(old) && existsSync(next) ? { name: `github ${from} -> ${to} (releases)`, old, next } : undefined
}

const only = process.argv[2]
// BENCH_TOOLS: a comma-separated subset of the tools, e.g. "strata,strata (baseline)".
const chosen = process.env.BENCH_TOOLS?.split(',')
for (const tool of Object.keys(tools))
  if (chosen !== undefined && tool !== 'strata' && !chosen.includes(tool)) delete tools[tool]
const all = [...pairs, githubPair(), githubReleasePair()].filter(
  (p) => p !== undefined && (only === undefined || p.name.includes(only)),
)
const rows = []
const verdicts = []
for (const pair of all) {
  const measured = Object.keys(tools).map((tool) => run(tool, pair.old, pair.next))
  const base = measured[0]
  const fastest = measured
    .slice(1)
    .filter((m) => m.reported)
    .sort((a, b) => a.seconds - b.seconds)[0]
  verdicts.push(
    fastest === undefined
      ? `- ${pair.name}: no peer finished with a report; strata ${base.seconds.toFixed(2)} s`
      : `- ${pair.name}: fastest peer that finished is ${fastest.tool} (${fastest.seconds.toFixed(2)} s); strata ${base.seconds.toFixed(2)} s: **${(fastest.seconds / base.seconds).toFixed(1)}x** faster`,
  )
  console.error(verdicts.at(-1))
  for (const m of measured) {
    const atLeast = m.status.startsWith('timeout') ? '≥' : ''
    const ratio = m.seconds && base.seconds ? `${atLeast}${(m.seconds / base.seconds).toFixed(1)}x` : '-'
    rows.push(
      `| ${pair.name} | ${m.tool} | ${m.seconds?.toFixed(2) ?? '-'} | ${m.rssMb?.toFixed(0) ?? '-'} | ${m.findings ?? '-'} | ${ratio} | ${m.status} |`,
    )
    console.error(rows.at(-1))
  }
}
const table = [
  '| pair | tool | time (s) | peak RSS (MB) | findings | time vs strata | status |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
  ...verdicts,
].join('\n')
writeFileSync(path.join(results, 'diff.md'), `${table}\n`)
console.log(table)
