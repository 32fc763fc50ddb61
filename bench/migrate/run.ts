// Per-step migration cost: compiled converters on small objects and 1,000-item lists, for chains of
// 0, 1, 10, 50 and 100 changes, and with 0–100 versions that do not touch the route. Baseline: a
// hand-written object literal doing the same rename, measured in the same run.
import type { ResponseParts } from 'strata'
import { planRoute } from 'strata/internal'
import { defineBenchVersions, Item, ItemList, item, versionsWith } from './fixtures.ts'

const list = Array.from({ length: 1000 }, (_, i) => item(i))
const single = item(1)
let sink: unknown

function nsPerOp(fn: () => void, minMs = 300): number {
  for (let i = 0; i < 2000; i++) fn() // warm-up: let the JIT settle
  let ops = 0
  const start = process.hrtime.bigint()
  let elapsed = 0n
  while (elapsed < BigInt(minMs) * 1_000_000n) {
    for (let i = 0; i < 1000; i++) fn()
    ops += 1000
    elapsed = process.hrtime.bigint() - start
  }
  return Number(elapsed) / ops
}

function measure(chain: number, noise: number) {
  const versions = defineBenchVersions(versionsWith(chain, noise))
  const one = planRoute({ method: 'GET', path: '/items/:id', responses: { 200: Item.schema } }, versions).plan(0)
  const many = planRoute({ method: 'GET', path: '/items', responses: { 200: ItemList } }, versions).plan(0)
  const parts: ResponseParts = { body: single, status: 200, headers: {} }
  const small = nsPerOp(() => {
    parts.body = single
    one?.responseDown?.(parts)
    sink = parts.body
  })
  const listParts: ResponseParts = { body: { items: list }, status: 200, headers: {} }
  const perList = nsPerOp(() => {
    listParts.body = { items: list }
    many?.responseDown?.(listParts)
    sink = listParts.body
  }, 500)
  return { small, perItem: perList / list.length }
}

// The floor: what a hand-written migration of the same object costs.
const handWritten = (o: ReturnType<typeof item>) => ({
  id: o.id,
  f1: o.f0,
  status: o.status,
  size: o.size,
  owner: o.owner,
  created: o.created,
  updated: o.updated,
  note: o.note,
})
const floor = nsPerOp(() => {
  sink = handWritten(single)
})

if (process.argv.includes('--json')) {
  // One round for bench/migrate/fallback.ts, which runs this with and without code generation.
  const rows = [1, 10, 50].map((chain) => ({ chain, ...measure(chain, 0) }))
  console.log(JSON.stringify({ floor, rows }))
  process.exit(0)
}

const fmt = (n: number) => n.toFixed(1).padStart(7)
console.log(`machine: ${process.arch}, node ${process.version}`)
console.log(`hand-written object literal (floor): ${fmt(floor)} ns/object\n`)
console.log('changes in chain | small object ns | x floor | 1,000-item list ns/item | x floor')
for (const chain of [0, 1, 10, 50, 100]) {
  const r = measure(chain, 0)
  console.log(
    `${String(chain).padStart(16)} | ${fmt(r.small)}         | ${fmt(r.small / floor)} | ${fmt(r.perItem)}                 | ${fmt(r.perItem / floor)}`,
  )
}
console.log('\nversions not touching the route (chain of 1) | small object ns | 1,000-item list ns/item')
for (const noise of [0, 10, 50, 100]) {
  const r = measure(1, noise)
  console.log(`${String(noise).padStart(44)} | ${fmt(r.small)}         | ${fmt(r.perItem)}`)
}
if (sink === Symbol.for('never')) console.log(sink)
