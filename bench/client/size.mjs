// The size of strata/client as a browser or edge bundle would carry it: src/client/index.ts bundled
// with esbuild (minified, ES2022, no platform built-ins), then gzip -9 and brotli. Also checks that
// the bundle pulls in nothing but src/client (no server code, no node: modules).
// Run: node bench/client/size.mjs
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../..', import.meta.url))
const entry = fileURLToPath(new URL('../../src/client/index.ts', import.meta.url))
const bundle = async (minify) => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0].contents, inputs: Object.keys(result.metafile.inputs) }
}

const plain = await bundle(false)
const min = await bundle(true)
const foreign = min.inputs.filter(
  (input) => !relative(root, input).startsWith('src/client/') && !input.startsWith('src/client/'),
)
if (foreign.length > 0) {
  process.stderr.write(`strata/client bundles code from outside src/client: ${foreign.join(', ')}\n`)
  process.exit(1)
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const gzip = gzipSync(min.code, { level: 9 }).length
const brotli = brotliCompressSync(min.code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
const esbuildVersion = JSON.parse(
  readFileSync(new URL('../../node_modules/esbuild/package.json', import.meta.url)),
).version
const rows = [
  ['bundled, not minified', plain.code.length],
  ['minified', min.code.length],
  ['minified + gzip -9', gzip],
  ['minified + brotli 11', brotli],
]
process.stdout.write(`strata/client: ${min.inputs.length} source files, esbuild ${esbuildVersion}\n\n`)
process.stdout.write('| form | bytes | size |\n| --- | --- | --- |\n')
for (const [form, bytes] of rows) process.stdout.write(`| ${form} | ${bytes} | ${kb(bytes)} |\n`)
