import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { root, strata } from '../helpers/strata-cli.ts'

const dir = mkdtempSync(path.join(tmpdir(), 'strata-cli-'))
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name)
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value))
  return file
}
const doc = (properties: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/pets': {
      get: {
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties } } } },
        },
      },
    },
  },
})
const v1 = write('v1.json', doc({ id: { type: 'string' }, name: { type: 'string' } }))
const v2 = write('v2.json', doc({ id: { type: 'string' } }))
const v3 = write('v3.json', doc({ id: { type: 'string' }, name: { type: 'string' }, tag: { type: 'string' } }))

describe('strata diff (as a process)', () => {
  test('response property removed -> exit 1 and a text report', async () => {
    const { code, stdout } = await strata('diff', v1, v2)
    expect(code).toBe(1)
    expect(stdout).toMatchInlineSnapshot(`
      "breaking GET /pets  response-property-removed
               Response property \`name\` in the response 200 (application/json) was removed; clients that read it will break.
               at #/paths/~1pets/get/responses/200/content/application~1json/schema/properties/name
      1 breaking, 0 warnings, 0 info
      "
    `)
  })

  test('property added -> exit 0', async () => {
    expect((await strata('diff', v1, v3)).code).toBe(0)
  })

  test('--format json -> parseable findings with summary', async () => {
    const { stdout } = await strata('diff', v1, v2, '--format', 'json')
    const report = JSON.parse(stdout) as { summary: Record<string, number>; findings: Array<{ rule: string }> }
    expect(report.summary).toEqual({ breaking: 1, warning: 0, info: 0 })
    expect(report.findings[0]?.rule).toBe('response-property-removed')
  })

  test('--format github -> ::error annotation', async () => {
    const { stdout } = await strata('diff', v1, v2, '--format', 'github')
    expect(stdout.split('\n')[0]).toMatch(
      /^::error file=.*v2\.json,title=response-property-removed \(GET \/pets\)::Response property/,
    )
  })

  test('--format markdown -> a table under "Breaking changes"', async () => {
    const { stdout } = await strata('diff', v1, v2, '--format', 'markdown')
    expect(stdout).toContain('### Breaking changes (1)')
    expect(stdout).toContain('| GET /pets |')
  })

  test('--config downgrading the rule -> exit 0; --fail-on warning -> exit 1', async () => {
    const config = write('strata.json', { rules: { 'response-property-removed': 'warning' } })
    expect((await strata('diff', v1, v2, '--config', config)).code).toBe(0)
    expect((await strata('diff', v1, v2, '--config', config, '--fail-on', 'warning')).code).toBe(1)
  })

  test('missing file -> exit 2 with a one-line message and no stack', async () => {
    const { code, stderr } = await strata('diff', path.join(dir, 'missing.yaml'), v2)
    expect(code).toBe(2)
    expect(stderr.trim()).toBe(`strata diff: ${path.join(dir, 'missing.yaml')}: file not found`)
  })

  test('invalid OpenAPI (swagger 2.0) -> exit 2 naming the location', async () => {
    const { code, stderr } = await strata('diff', write('s.yaml', "swagger: '2.0'\n"), v2)
    expect(code).toBe(2)
    expect(stderr).toContain('s.yaml at /openapi: missing the "openapi" field')
    expect(stderr).not.toContain('    at ')
  })

  test('unknown rule id in --config -> exit 2', async () => {
    const { code, stderr } = await strata(
      'diff',
      v1,
      v2,
      '--config',
      write('bad.json', { rules: { 'no-such-rule': 'off' } }),
    )
    expect(code).toBe(2)
    expect(stderr).toContain('unknown rule id "no-such-rule"')
  })

  test('--rules module whose rule forbids new response properties -> exit 0 becomes exit 1, named in the report', async () => {
    const rules = write(
      'house-rules.mjs',
      `const props = (op) => Object.keys(op.responses?.['200']?.content?.['application/json']?.schema?.properties ?? {})
export const rules = [{
  id: 'house-response-property-added', severity: 'breaking', summary: 's', example: 'e',
  message: ({ subject }) => subject + ' was added; our clients reject unknown fields',
  check: ({ operations, report }) => {
    for (const op of operations) {
      const before = new Set(props(op.old))
      for (const name of props(op.new).filter((p) => !before.has(p))) {
        report({ subject: 'response property ' + name }, { path: op.newPath, method: op.method, pointer: '#/paths' })
      }
    }
  },
}]
`,
    )
    expect((await strata('diff', v1, v3)).code).toBe(0)
    const { code, stdout } = await strata('diff', v1, v3, '--rules', rules)
    expect(code).toBe(1)
    expect(stdout).toContain('house-response-property-added')
    expect(stdout).toContain('Response property tag was added; our clients reject unknown fields')
    const off = write('house-off.json', { rules: { 'house-response-property-added': 'off' } })
    expect((await strata('diff', v1, v3, '--rules', rules, '--config', off)).code).toBe(0)
  })

  test('--rules module without a rules array -> exit 2 with a one-line message', async () => {
    const { code, stderr } = await strata('diff', v1, v3, '--rules', write('empty-rules.mjs', 'export const x = 1\n'))
    expect(code).toBe(2)
    expect(stderr).toContain('exports no `rules` array')
    expect(stderr).not.toContain('    at ')
  })

  test('bad usage (unknown format) -> exit 2; --help documents the exit codes', async () => {
    expect((await strata('diff', v1, v2, '--format', 'xml')).code).toBe(2)
    const help = await strata('diff', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('2  usage or input error')
  })
})

describe('bin/strata.js: the compiled CLI when it is fresh, else the sources', () => {
  // A checkout laid out in a temp folder: the real sources and dependencies, the real bin, and a
  // stand-in dist/ whose main() only says it ran, so the test sees which one the bin picked.
  function checkout(dist: 'none' | 'stale' | 'fresh') {
    const at = mkdtempSync(path.join(tmpdir(), 'strata-bin-'))
    mkdirSync(path.join(at, 'bin'))
    copyFileSync(path.join(root, 'bin/strata.js'), path.join(at, 'bin/strata.js'))
    copyFileSync(path.join(root, 'package.json'), path.join(at, 'package.json'))
    symlinkSync(path.join(root, 'src'), path.join(at, 'src'))
    symlinkSync(path.join(root, 'node_modules'), path.join(at, 'node_modules'))
    if (dist !== 'none') {
      const main = path.join(at, 'dist/cli/main.js')
      mkdirSync(path.dirname(main), { recursive: true })
      writeFileSync(main, `export async function main() { process.stdout.write('compiled\\n'); return 0 }\n`)
      if (dist === 'stale') utimesSync(main, new Date('2000-01-01'), new Date('2000-01-01'))
    }
    return at
  }
  const run = (at: string) =>
    promisify(execFile)(process.execPath, [path.join(at, 'bin/strata.js'), 'diff', v1, v3, '--format', 'json'])

  test('no dist/ -> compiles the sources through tsx and diffs', async () => {
    const { stdout } = await run(checkout('none'))
    expect(JSON.parse(stdout).summary).toEqual({ breaking: 0, warning: 0, info: 1 })
  })

  test('dist/ older than a source file -> the sources, never the stale build', async () => {
    const { stdout } = await run(checkout('stale'))
    expect(JSON.parse(stdout).summary).toEqual({ breaking: 0, warning: 0, info: 1 })
  })

  test('dist/ newer than every source file -> the compiled CLI', async () => {
    const { stdout } = await run(checkout('fresh'))
    expect(stdout).toBe('compiled\n')
  })
})
