// Runs api-smart-diff on two files in this process, so run.mjs can time it as a child.
import { readFileSync } from 'node:fs'
import { apiDiff } from 'api-smart-diff'
import yaml from 'js-yaml'

const load = (file) =>
  file.endsWith('.json') ? JSON.parse(readFileSync(file, 'utf8')) : yaml.load(readFileSync(file, 'utf8'))
const result = apiDiff(load(process.argv[2]), load(process.argv[3]))
const diffs = Array.isArray(result) ? result : (result.diffs ?? [])
const breaking = diffs.filter((d) => d.type === 'breaking').length
process.stdout.write(JSON.stringify({ findings: diffs.length, breaking }))
