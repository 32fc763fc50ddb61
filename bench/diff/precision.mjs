// Precision run of `strata diff` on real releases: consecutive releases of GitHub's REST description
// (@octokit/openapi, fetched here with `npm pack` into a cache outside the repository) and the Stripe
// pairs of ../shared/corpus/stripe. For each pair it checks that every operation and webhook of both
// documents was compared (matched, or reported removed or added), lists the breaking findings, draws
// a fixed sample of them, and scores the sample against the hand audit in precision-audit.md.
// Usage: npm run build && node bench/diff/precision.mjs [pair-name-filter]
// Env: STRATA_BENCH_CACHE (default ~/.cache/strata-bench), GITHUB_VERSIONS (comma-separated, consecutive).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const stripe = path.resolve(repo, '../shared/corpus/stripe')
const cache = process.env.STRATA_BENCH_CACHE ?? path.join(homedir(), '.cache/strata-bench')
const versions = (process.env.GITHUB_VERSIONS ?? '20.0.0,21.0.0,22.0.0,23.0.0,23.0.1').split(',')
const sampleSize = 20
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

const { diffOpenApi, loadOpenApi } = await import(path.join(repo, 'dist/openapi/index.js'))

/** GitHub's description of one @octokit/openapi release, fetched once into the cache. */
function githubFile(version) {
  const dir = path.join(cache, 'octokit-openapi')
  const file = path.join(dir, `api.github.com-${version}.json`)
  if (existsSync(file)) return file
  mkdirSync(dir, { recursive: true })
  const tarball = execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--silent', '--pack-destination', dir], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)
  const work = mkdtempSync(path.join(tmpdir(), 'strata-octokit-'))
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', work, 'package/generated/api.github.com.json'])
  renameSync(path.join(work, 'package/generated/api.github.com.json'), file)
  rmSync(work, { recursive: true, force: true })
  rmSync(path.join(dir, tarball), { force: true })
  return file
}

/** Every operation and webhook of a document, read here without strata's code: `METHOD template` per section. */
function operationsOf(root) {
  const out = { paths: [], webhooks: [] }
  const sections = { paths: root.paths, webhooks: root.webhooks ?? root['x-webhooks'] }
  for (const [section, items] of Object.entries(sections)) {
    for (const [template, item] of Object.entries(items ?? {})) {
      const resolved = typeof item?.$ref === 'string' ? pointer(root, item.$ref) : item
      for (const method of methods) {
        if (resolved?.[method] && typeof resolved[method] === 'object')
          out[section].push(`${method.toUpperCase()} ${template}`)
      }
    }
  }
  return out
}

function pointer(root, ref) {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, token) => node?.[token], root)
}

/** Whether the diff told of each operation of each side exactly once. */
function coverage(oldRoot, newRoot, matches) {
  const problems = []
  for (const [side, root] of [
    ['old', oldRoot],
    ['new', newRoot],
  ]) {
    const expected = operationsOf(root)
    for (const section of ['paths', 'webhooks']) {
      const told = matches
        .filter((m) => m.webhook === (section === 'webhooks') && m[side] !== undefined)
        .map((m) => m[side])
      const want = [...expected[section]].sort()
      const got = [...told].sort()
      const missing = want.filter((op) => !got.includes(op))
      const twice = got.filter((op, i) => got.indexOf(op) !== i)
      if (missing.length > 0 || twice.length > 0 || got.length !== want.length)
        problems.push(
          `${side} ${section}: ${missing.length} not compared (${missing.slice(0, 3).join(', ')}), ${twice.length} twice`,
        )
    }
  }
  const counts = operationsOf(oldRoot)
  const countsNew = operationsOf(newRoot)
  return {
    ok: problems.length === 0,
    problems,
    summary: `${counts.paths.length}/${countsNew.paths.length} operations, ${counts.webhooks.length}/${countsNew.webhooks.length} webhooks`,
  }
}

/** The key a finding is audited under: rule, operation and pointer. */
function keyOf(finding) {
  return `${finding.rule} ${finding.location.method ?? ''} ${finding.location.path ?? ''} ${finding.location.pointer}`
}

/** A fixed sample: every breaking finding up to the sample size, else evenly spaced in key order. */
function sampleOf(findings) {
  const sorted = [...findings].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
  if (sorted.length <= sampleSize) return sorted
  const step = sorted.length / sampleSize
  return Array.from({ length: sampleSize }, (_, i) => sorted[Math.floor(i * step)])
}

/** Verdicts from precision-audit.md: rows `| pair | key | right/wrong | reason |`. */
function readAudit() {
  const file = path.join(here, 'precision-audit.md')
  const verdicts = new Map()
  if (!existsSync(file)) return verdicts
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 5 || !['right', 'wrong'].includes(cells[3])) continue
    verdicts.set(`${cells[1]}|${cells[2].replaceAll('`', '')}`, cells[3])
  }
  return verdicts
}

const pairs = []
for (let i = 0; i + 1 < versions.length; i++) {
  pairs.push({
    name: `github ${versions[i]} -> ${versions[i + 1]}`,
    old: () => githubFile(versions[i]),
    next: () => githubFile(versions[i + 1]),
  })
}
for (const p of JSON.parse(readFileSync(path.join(stripe, 'pairs.json'), 'utf8')).pairs) {
  pairs.push({
    name: `stripe ${p.name}`,
    old: () => path.join(stripe, p.old.file),
    next: () => path.join(stripe, p.new.file),
  })
}

const only = process.argv[2]
const audit = readAudit()
const rows = []
const samples = []
for (const pair of pairs.filter((p) => only === undefined || p.name.includes(only))) {
  const [oldDoc, newDoc] = [await loadOpenApi(pair.old()), await loadOpenApi(pair.next())]
  const matches = []
  const findings = diffOpenApi(oldDoc, newDoc, { onOperation: (m) => matches.push(m) })
  const covered = coverage(oldDoc.root, newDoc.root, matches)
  const breaking = findings.filter((f) => f.severity === 'breaking')
  const sample = sampleOf(breaking)
  const judged = sample.map((f) => audit.get(`${pair.name}|${keyOf(f)}`))
  const right = judged.filter((v) => v === 'right').length
  const wrong = judged.filter((v) => v === 'wrong').length
  const unaudited = judged.filter((v) => v === undefined).length
  const precision =
    right + wrong === 0 ? '-' : `${((100 * right) / (right + wrong)).toFixed(0)} % (${right}/${right + wrong})`
  rows.push(
    `| ${pair.name} | ${covered.summary}: ${covered.ok ? 'all compared' : covered.problems.join('; ')} | ${breaking.length} | ${sample.length} | ${precision}${unaudited > 0 ? `, ${unaudited} not audited` : ''} |`,
  )
  console.error(rows.at(-1))
  for (const f of sample)
    samples.push(`| ${pair.name} | \`${keyOf(f)}\` | ${audit.get(`${pair.name}|${keyOf(f)}`) ?? '?'} | ${f.message} |`)
}
const table = [
  '| pair | operations compared (old/new) | breaking findings | audited sample | precision of the sample |',
  '| --- | --- | --- | --- | --- |',
  ...rows,
].join('\n')
const results = path.join(repo, 'bench/results')
mkdirSync(results, { recursive: true })
writeFileSync(
  path.join(results, 'precision.md'),
  `${table}\n\n## Sample\n\n| pair | finding | verdict | message |\n| --- | --- | --- | --- |\n${samples.join('\n')}\n`,
)
console.log(table)
if (rows.some((r) => !r.includes('all compared'))) process.exitCode = 1
