import { readdirSync, readFileSync } from 'node:fs'
import { parse } from '/work/wt-gate/node_modules/yaml/dist/index.js'
import { schemaWarnings } from '/work/wt-gate/src/openapi/load/schema-warnings.ts'
const dir = '/work/shared/corpus/oasdiff/data'
const files: string[] = []
const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(`${d}/${e.name}`) : files.push(`${d}/${e.name}`) }
walk(dir)
let bad = 0
const t = performance.now()
for (const f of files) {
  if (!/\.(ya?ml|json)$/.test(f)) continue
  let doc: any
  try { doc = parse(readFileSync(f, 'utf8')) } catch { continue }
  if (!doc?.openapi) continue
  const v = String(doc.openapi).startsWith('3.1') ? '3.1' : '3.0'
  const w = schemaWarnings(doc, v as any)
  if (w.length) { bad++; if (process.argv[2]) console.log(f.slice(dir.length), v, JSON.stringify(w.slice(0, 3))) }
}
console.log(bad, files.length, performance.now() - t)
