import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openUsageStore, type UsageRow } from 'strata/usage'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { strata } from '../helpers/strata-cli.ts'

// Usage rows of the calendar program, as its recorder writes them; the report reads lifecycle dates from
// the app (--app) at a pinned instant, so 20230101 stays deprecated (sunset 2027-11-01).
const NOW = '2026-12-01T00:00:00Z'
const app = 'examples/calendar/main.ts'
let dataDir: string

const row = (minute: string, version: string, client: string, endpoint: string, requests: number): UsageRow => ({
  minute,
  scope: '',
  version,
  channel: 'stable',
  endpoint,
  client,
  status_class: '2xx',
  requests,
})

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'strata-cli-usage-'))
  const store = await openUsageStore({ dataDir })
  await store.add([
    row('2026-11-20T10:00:00Z', '20230101', 'acme', 'GET /api/v1/assets', 4),
    row('2026-11-30T09:12:00Z', '20230101', 'acme', 'POST /api/v1/assets', 1),
    row('2026-11-30T09:13:00Z', '20240601', 'globex, inc', 'GET /api/v1/assets/:id', 2),
    row('2026-09-01T00:00:00Z', '20230101', 'long-gone', 'GET /api/v1/assets', 9),
  ])
  await store.close()
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function inProcess(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false })
  return { code, stdout, stderr }
}

describe('strata usage (as a process)', () => {
  test('--format json with --app -> the report object: phase, sunset, principals of the deprecated version', async () => {
    const { code, stdout } = await strata(
      'usage',
      '--data-dir',
      dataDir,
      '--app',
      app,
      '--now',
      NOW,
      '--format',
      'json',
    )
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    const old = report.versions.find((v: { version: string }) => v.version === '20230101')
    expect({ ...old, traffic: old.traffic.length }).toEqual({
      scope: null,
      version: '20230101',
      phase: 'deprecated',
      deprecated: '2026-11-01T00:00:00Z',
      sunset: '2027-11-01T00:00:00Z',
      days_to_sunset: 335,
      requests: 5,
      traffic: 31,
      principals: [
        {
          principal: 'acme',
          requests: 5,
          first_seen: '2026-11-20T10:00:00Z',
          last_seen: '2026-11-30T09:12:00Z',
          endpoints: ['GET /api/v1/assets', 'POST /api/v1/assets'],
        },
      ],
    })
  }, 60_000)

  test('--format text (default) -> versions table, traffic per day, who still calls 20230101', async () => {
    const { code, stdout } = await strata('usage', '--data-dir', dataDir, '--app', app, '--now', NOW)
    expect(code).toBe(0)
    expect(stdout).toMatch(/20230101\s+deprecated\s+5\s+2026-11-01\s+2027-11-01\s+335/)
    expect(stdout).toContain('Traffic per day:')
    expect(stdout).toMatch(/2026-11-20T00:00:00Z\s+4\s+0/)
    expect(stdout).toContain('Still calling (api) 20230101 (deprecated, sunset 2027-11-01, 335 days left):')
    expect(stdout).not.toContain('long-gone')
  }, 60_000)
})

describe('strata usage: formats and bad input (in process)', () => {
  test('--format markdown -> tables with the principals of the deprecated version', async () => {
    const { code, stdout } = await inProcess(
      'usage',
      '--data-dir',
      dataDir,
      '--now',
      NOW,
      '--since',
      '100d',
      '--format',
      'markdown',
    )
    expect(code).toBe(0)
    expect(stdout).toContain('| scope | version | phase | requests |')
    expect(stdout).toContain('| (api) | 20230101 | - | 14 |')
    // Without --app nothing is known to be deprecated: no "still calling" section.
    expect(stdout).not.toContain('## Still calling')
  })

  test('--format csv -> one line per version and principal, commas quoted', async () => {
    const { code, stdout } = await inProcess('usage', '--data-dir', dataDir, '--now', NOW, '--format', 'csv')
    expect(code).toBe(0)
    expect(stdout.split('\r\n')).toEqual([
      'scope,version,phase,deprecated,sunset,days_to_sunset,version_requests,principal,requests,first_seen,last_seen,endpoints',
      ',20230101,,,,,5,acme,5,2026-11-20T10:00:00Z,2026-11-30T09:12:00Z,GET /api/v1/assets POST /api/v1/assets',
      ',20240601,,,,,2,"globex, inc",2,2026-11-30T09:13:00Z,2026-11-30T09:13:00Z,GET /api/v1/assets/:id',
      '',
    ])
  })

  test.each([
    [['--format', 'xml'], /argument 'xml' is invalid. Allowed choices are text, json, markdown, csv/],
    [['--since', 'a month'], /--since must be a number and m, h, d or w, such as 30d or 12h; got 'a month'/],
    [['--since', '0d'], /--since must be/],
  ])('%j -> exit 2, one line naming the fix, nothing on stdout', async (args, message) => {
    const { code, stdout, stderr } = await inProcess('usage', '--data-dir', dataDir, ...args)
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.split('\n')[0]).toMatch(message)
  })

  test('missing data directory -> exit 2, one line naming --data-dir', async () => {
    const { code, stdout, stderr } = await inProcess('usage', '--data-dir', path.join(dataDir, 'nope'))
    expect([code, stdout]).toEqual([2, ''])
    expect(stderr).toMatch(/^strata usage: No usage data at .*nope\/usage\.sqlite; point --data-dir at .*\n$/)
  })

  test('neither --data-dir nor --database-url -> exit 2', async () => {
    const { code, stderr } = await inProcess('usage')
    expect(code).toBe(2)
    expect(stderr).toBe(
      "strata usage: pass --data-dir <dir> (the API's DATA_DIR) or --database-url <postgres://...>.\n",
    )
  })

  test('unreachable database -> exit 2, one line naming --database-url', async () => {
    const { code, stdout, stderr } = await inProcess('usage', '--database-url', 'postgres://nobody@127.0.0.1:1/none')
    expect([code, stdout]).toEqual([2, ''])
    expect(stderr).toMatch(
      /^strata usage: cannot read usage from the database at --database-url \(.*\); check the URL and that PostgreSQL is running\.\n$/,
    )
  })
})
