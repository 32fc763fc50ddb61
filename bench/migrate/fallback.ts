// What the interpreted fallback costs: the migration bench run where generating code is allowed and
// where it is not (node --disallow-code-generation-from-strings, as on Cloudflare Workers), alternating
// the two in the same run; the ratio of the medians per chain length and object size.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROUNDS = Number(process.env.ROUNDS ?? 3)
const script = fileURLToPath(new URL('./run.ts', import.meta.url))
type Round = { floor: number; rows: { chain: number; small: number; perItem: number }[] }

function round(disallow: boolean): Round {
  const flags = ['--conditions=strata-source', '--import', 'tsx']
  if (disallow) flags.unshift('--disallow-code-generation-from-strings')
  const out = execFileSync(process.execPath, [...flags, script, '--json'], { encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').at(-1)!) as Round
}

const compiled: Round[] = []
const interpreted: Round[] = []
for (let i = 0; i < ROUNDS; i++) {
  compiled.push(round(false))
  interpreted.push(round(true))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const fmt = (n: number) => n.toFixed(1).padStart(7)
console.log(`machine: ${process.arch}, node ${process.version}, ${ROUNDS} alternating rounds, medians`)
console.log(
  'changes | compiled small ns | interpreted small ns | ratio | compiled ns/item | interpreted ns/item | ratio',
)
for (const [i, { chain }] of compiled[0]!.rows.entries()) {
  const c = (r: Round[], k: 'small' | 'perItem') => median(r.map((x) => x.rows[i]![k]))
  const [cs, is, ci, ii] = [
    c(compiled, 'small'),
    c(interpreted, 'small'),
    c(compiled, 'perItem'),
    c(interpreted, 'perItem'),
  ]
  console.log(
    `${String(chain).padStart(7)} | ${fmt(cs)}           | ${fmt(is)}              | ${(is / cs).toFixed(2)}  | ${fmt(ci)}          | ${fmt(ii)}             | ${(ii / ci).toFixed(2)}`,
  )
}
