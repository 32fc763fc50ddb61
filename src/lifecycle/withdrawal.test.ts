import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { defineApi } from '../api/index.ts'
import { fromPath } from '../negotiate/index.ts'
import { buildChangelog, checkContracts, generateContracts, stringifyContract } from '../openapi/contract/index.ts'
import { defineRoute } from '../runtime/define-route.ts'
import { createRuntime } from '../runtime/serve.ts'
import { defineVersions, generationScheme, noticePolicies, type VersionInput } from '../version/index.ts'
import { parseWithdrawals, readWithdrawals, type Withdrawal } from './withdrawal.ts'

// The emergency switch: a version or endpoint withdrawn at once for security answers 410 with the
// reason, bypassing the notice policy; contracts, the changelog and the gate accept it as such.

const NOW = new Date('2026-12-01T00:00:00Z')
const groups: readonly VersionInput[] = [{ id: 'v1', deprecated: '2026-06-01', sunset: '2027-06-01' }, { id: 'v2' }]
const build = (withdrawn: readonly Withdrawal[], versions: readonly VersionInput[] = groups) =>
  createRuntime({
    api: defineApi({
      versions: defineVersions({ scheme: generationScheme(), versions: [{ id: 'v2' }] }),
      negotiation: { sources: [], default: 'latest' },
      scopes: {
        cmk: {
          versions: defineVersions({
            scheme: generationScheme(),
            scope: { kind: 'group', name: 'cmk' },
            policy: noticePolicies.days180,
            versions,
          }),
          negotiation: { sources: [fromPath(/^\/cmk\/([^/]+)\//)], default: 'reject' },
        },
      },
      withdrawn,
      clock: () => NOW,
    }),
    routes: ['v1', 'v2'].flatMap((v) => [
      defineRoute({ method: 'GET', path: `/cmk/${v}/clusters`, scope: 'cmk', handler: () => ({ data: [] }) }),
      defineRoute({ method: 'POST', path: `/cmk/${v}/clusters`, scope: 'cmk', handler: () => ({ id: 'lkc-1' }) }),
    ]),
  })
const get = (runtime: ReturnType<typeof build>, url: string, method = 'GET') =>
  runtime.handle({ method, url, headers: {} })

describe('emergency withdrawal', () => {
  test('cmk v1 withdrawn with a reason -> 410 WITHDRAWN naming it and the latest; v2 still served', async () => {
    const runtime = build([{ scope: 'cmk', version: 'v1', reason: 'CVE-2026-1234: tokens leak in list responses' }])
    const gone = await get(runtime, '/cmk/v1/clusters')
    expect(gone.status).toBe(410)
    expect(JSON.parse(gone.body!)).toMatchObject({
      status: '410',
      error: {
        code: 'WITHDRAWN',
        message: 'API version v1 was withdrawn: CVE-2026-1234: tokens leak in list responses',
        reason: 'CVE-2026-1234: tokens leak in list responses',
        withdrawn: 'v1',
        latest_version: 'v2',
      },
    })
    expect((await get(runtime, '/cmk/v2/clusters')).status).toBe(200)
  })

  test('one endpoint withdrawn (POST /cmk/v2/clusters) -> that method 410, GET on the same path still 200', async () => {
    const runtime = build([{ scope: 'cmk', method: 'POST', path: '/cmk/v2/clusters', reason: 'abuse' }])
    const refused = await get(runtime, '/cmk/v2/clusters', 'POST')
    expect([refused.status, JSON.parse(refused.body!).error.withdrawn]).toEqual([410, 'POST /cmk/v2/clusters'])
    expect((await get(runtime, '/cmk/v2/clusters')).status).toBe(200)
  })

  test('withdrawn version declared with a one-day notice -> accepted by the notice check; without the reason -> refused', () => {
    const quick = [
      { id: 'v1', deprecated: '2026-11-30', sunset: '2026-12-01', withdrawn: 'CVE-2026-1234' },
      { id: 'v2' },
    ]
    expect(() => build([], quick)).not.toThrow()
    const { withdrawn: _, ...noReason } = quick[0]!
    expect(() => build([], [noReason, { id: 'v2' }])).toThrow(/STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT|notice/)
  })

  test('strata check on a withdrawn version snapshot -> verdict withdrawn with the reason, not a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-withdrawn-'))
    const before = build([])
    for (const c of generateContracts(before.registry.contractSource(), { now: NOW })) {
      const folder = join(dir, c.scope ?? 'api')
      mkdirSync(folder, { recursive: true })
      writeFileSync(join(folder, `${c.label}.json`), stringifyContract(c.document))
    }
    const after = build([{ scope: 'cmk', version: 'v1', reason: 'CVE-2026-1234' }])
    const source = after.registry.contractSource()
    const checks = await checkContracts(after.api, generateContracts(source, { now: NOW }), dir, { now: NOW })
    expect(checks.find((c) => c.version === 'v1')).toMatchObject({ verdict: 'withdrawn', reason: 'CVE-2026-1234' })
    const entry = buildChangelog(source, { now: NOW }).find((e) => e.version === 'v1')
    expect(entry?.withdrawn).toEqual([{ reason: 'CVE-2026-1234' }])
  })

  test('withdrawals from the environment: inline JSON and a file; malformed ones -> STRATA_ERR_LIFECYCLE_WITHDRAWAL_INVALID', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'strata-withdrawn-')), 'withdrawn.json')
    writeFileSync(file, JSON.stringify([{ scope: 'cmk', path: '/cmk/v2/clusters', reason: 'abuse' }]))
    expect(
      readWithdrawals({
        STRATA_WITHDRAWN: '[{"scope":"cmk","version":"v1","reason":"CVE"}]',
        STRATA_WITHDRAWN_FILE: file,
      }),
    ).toEqual([
      { scope: 'cmk', version: 'v1', reason: 'CVE' },
      { scope: 'cmk', path: '/cmk/v2/clusters', reason: 'abuse' },
    ])
    for (const [text, message] of [
      ['not json', /is not JSON/],
      ['{}', /must be a JSON list/],
      ['[{"version":"v1"}]', /needs a reason/],
      ['[{"version":"v1","reason":"x","why":1}]', /unknown key 'why'/],
      ['[{"method":"GET","reason":"x"}]', /method without a path/],
    ] as const) {
      expect(() => parseWithdrawals(text, 'STRATA_WITHDRAWN')).toThrow(message)
    }
    expect(() => build([{ scope: 'nope', reason: 'x' }])).toThrow(/scope 'nope'/)
    expect(() => build([{ scope: 'cmk', version: 'v9', reason: 'x' }])).toThrow(/version 'v9'/)
  })
})
