import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { root, strata, strataWith } from '../helpers/strata-cli.ts'

// The calendar example's committed snapshots were written at this instant; tests pin it so the
// deprecated 20230101 stays deprecated (sunset 2027-11-01) whenever the suite runs.
const NOW = '2026-12-01T00:00:00Z'
const app = 'examples/calendar/main.ts'
const committed = 'examples/calendar/contracts'
const tmp = () => mkdtempSync(path.join(tmpdir(), 'strata-contracts-'))

// The control-plane contracts are written with OAuth configured (as a deployment offering bearer tokens).
const oauth = {
  OAUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
  OAUTH_ISSUER: 'https://idp.example.com/',
  OAUTH_AUDIENCE: 'control-plane',
}

describe('strata contracts (as a process)', () => {
  test('calendar app at the pinned instant -> the committed snapshots, byte for byte', async () => {
    const out = tmp()
    const { code, stdout } = await strata('contracts', '--app', app, '--out', out, '--now', NOW)
    expect(code).toBe(0)
    expect(stdout).toContain(`wrote ${out}/api/20230101.json (deprecated)`)
    const files = readdirSync(path.join(out, 'api')).sort()
    expect(files).toEqual(['20230101.json', '20230201.json', '20230203-beta.json', '20240601.json'])
    for (const file of files) {
      const fresh = readFileSync(path.join(out, 'api', file), 'utf8')
      expect(fresh).toBe(readFileSync(path.join(root, committed, 'api', file), 'utf8'))
      expect(fresh.endsWith('}\n')).toBe(true)
    }
  })

  test.each(['calendar-node', 'calendar-hono', 'calendar-express'])(
    '%s app (the same program on another adapter) -> check against the Fastify app snapshots: exit 0, all unchanged',
    async (example) => {
      const { code, stdout, stderr } = await strata(
        'check',
        '--app',
        `examples/${example}/main.ts`,
        '--contracts',
        committed,
        '--now',
        NOW,
      )
      expect(stderr).toBe('')
      expect([code, stdout.trim().split('\n').at(-1)]).toEqual([0, '4 versions: 4 unchanged'])
    },
  )

  test('--openapi 3.0 -> 3.0.3 documents that check accepts as its own snapshots', async () => {
    const out = tmp()
    expect((await strata('contracts', '--app', app, '--out', out, '--now', NOW, '--openapi', '3.0')).code).toBe(0)
    const doc = JSON.parse(readFileSync(path.join(out, 'api', '20240601.json'), 'utf8'))
    expect(doc.openapi).toBe('3.0.3')
    expect(doc.components.schemas.Asset.properties.externalId).toEqual({ type: 'string', nullable: true })
    expect((await strata('check', '--app', app, '--contracts', out, '--now', NOW)).code).toBe(0)
  })
})

describe('strata check (as a process)', () => {
  test('committed calendar snapshots, app unchanged -> exit 0, every version unchanged', async () => {
    const { code, stdout } = await strata('check', '--app', app, '--contracts', committed, '--now', NOW)
    expect(code).toBe(0)
    expect(stdout.trim().split('\n').at(-1)).toBe('4 versions: 4 unchanged')
  })

  test.each([
    ['per-endpoint', {}, '9 versions: 9 unchanged'],
    ['control-plane', oauth, '5 versions: 5 unchanged'],
  ] as const)(
    'committed %s snapshots, app unchanged -> exit 0, every version unchanged',
    async (example, env, summary) => {
      const { code, stdout } = await strataWith(
        env,
        'check',
        '--app',
        `examples/${example}/main.ts`,
        '--contracts',
        `examples/${example}/contracts`,
        '--now',
        NOW,
      )
      expect([code, stdout.trim().split('\n').at(-1)]).toEqual([0, summary])
    },
  )

  test('per-endpoint contracts -> IP Fabric headers: Deprecation true, RFC 3339 Sunset, version and product headers', () => {
    const doc = JSON.parse(readFileSync(path.join(root, 'examples/per-endpoint/contracts/devices.list/2.json'), 'utf8'))
    const headers = doc.components.headers
    expect(headers.Deprecation.schema).toEqual({ type: 'string', const: 'true' })
    expect(headers.Sunset.schema).toEqual({ type: 'string', format: 'date-time' })
    expect(headers['X-Product-Version']).toMatchObject({ required: true, schema: { const: 'v7.5' } })
    expect(headers['X-API-Versions-Supported'].required).toBe(true)
    expect(headers['X-Request-Id'].required).toBe(true)
    expect(doc.paths['/api/devices'].get.deprecated).toBe(true)
    expect(doc.components.schemas.Error.properties).toMatchObject({ release_version: {}, api_version: {}, code: {} })
  })

  test('control-plane contracts -> HTTP Basic and bearer schemes on every operation, rate-limit headers', () => {
    const doc = JSON.parse(readFileSync(path.join(root, 'examples/control-plane/contracts/cmk/v2.json'), 'utf8'))
    expect(doc.components.securitySchemes).toMatchObject({
      basic: { type: 'http', scheme: 'basic' },
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    })
    for (const item of Object.values(doc.paths) as Record<string, { security: unknown }>[])
      for (const op of Object.values(item)) expect(op.security).toEqual([{ basic: [] }, { bearer: [] }])
    expect(Object.keys(doc.components.headers)).toEqual(
      expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']),
    )
    expect(doc.components.headers.Deprecation.schema.pattern).toBe('^@-?[0-9]+$')
    expect(doc.components.schemas.Error.properties.error.properties).toMatchObject({
      latest_version: { type: 'string' },
      supported_versions: { type: 'array' },
      quota: { type: 'string' },
    })
  })

  test('GA snapshot declares a property the app no longer serves -> exit 1 naming the property', async () => {
    const dir = tmp()
    cpSync(path.join(root, committed), dir, { recursive: true })
    const file = path.join(dir, 'api', '20230201.json')
    const doc = JSON.parse(readFileSync(file, 'utf8'))
    doc.components.schemas.Asset.properties.legacyCode = { type: 'string' }
    writeFileSync(file, JSON.stringify(doc))
    const { code, stdout } = await strata('check', '--app', app, '--contracts', dir, '--now', NOW, '--format', 'json')
    expect(code).toBe(1)
    const report = JSON.parse(stdout)
    expect(report.failed).toBe(true)
    const version = report.versions.find((v: { version: string }) => v.version === '20230201')
    expect(version.verdict).toBe('breaking')
    expect(version.findings[0]).toMatchObject({
      rule: 'response-property-removed',
      location: { pointer: '#/components/schemas/Asset/properties/legacyCode' },
    })
  })

  test('after 20230101 sunset (2027-11-01) -> its snapshot is retired, exit 0', async () => {
    const { code, stdout } = await strata('check', '--app', app, '--contracts', committed, '--now', '2028-01-01')
    expect(code).toBe(0)
    expect(stdout).toContain('api/20230101.json  (sunset) sunset has passed; the snapshot may be deleted')
  })

  test('usage errors -> exit 2 with one line and no stack trace', async () => {
    const cases = [
      [['check', '--app', 'examples/none.ts'], 'strata check: --app examples/none.ts: file not found.'],
      [['check', '--app', app, '--now', 'soon'], 'strata check: --now must be an RFC 3339 timestamp'],
      [['contracts', '--app', 'examples/calendar/api.ts'], 'the module exports no createServer function'],
      [['check', '--app', app, '--contracts', 'no/such/dir'], '--contracts no/such/dir: folder not found'],
    ] as const
    for (const [args, message] of cases) {
      const { code, stderr } = await strata(...args)
      expect(code).toBe(2)
      expect(stderr).toContain(message)
      expect(stderr.trim().split('\n')).toHaveLength(1)
    }
  })
})

describe('calendar contracts and changelog', () => {
  test('adjacent calendar versions -> the ledger changes show as breaking findings of strata diff', async () => {
    const pairs = [
      ['20230101', '20230201'],
      ['20230201', '20230203-beta'],
      ['20230203-beta', '20240601'],
    ]
    const rules: string[][] = []
    for (const [a, b] of pairs) {
      const at = (v: string) => path.join(committed, 'api', `${v}.json`)
      const { code, stdout } = await strata('diff', at(a!), at(b!), '--format', 'json')
      expect(code).toBe(1)
      const report = JSON.parse(stdout) as { findings: { rule: string; severity: string }[] }
      rules.push(report.findings.filter((f) => f.severity === 'breaking').map((f) => f.rule))
    }
    expect(rules).toEqual([
      // createAssetAnswers201, renameListSizeToLimit, removeAssetSource (response and request)
      [
        'request-parameter-renamed',
        'success-response-removed',
        'response-property-removed',
        'request-property-removed',
      ],
      // addCriticalCriticality
      ['response-enum-value-added'],
      // renameAssetNameToTitle (response, create, update), timesAsRfc3339 (two fields)
      [
        'response-property-renamed',
        'response-type-changed',
        'response-type-changed',
        'request-property-renamed',
        'request-property-renamed',
      ],
    ])
  })

  test('changelog -> every ledger description, newest version first, JSON parseable', async () => {
    const md = await strata('changelog', '--app', app, '--now', NOW)
    expect(md.code).toBe(0)
    expect(md.stdout.indexOf('## 20240601')).toBeLessThan(md.stdout.indexOf('## 20230201'))
    for (const name of ['createAssetAnswers201', 'renameListSizeToLimit', 'addErrorSuggestions', 'timesAsRfc3339']) {
      expect(md.stdout).toContain(`(\`${name}\`)`)
    }
    const json = await strata('changelog', '--app', app, '--now', NOW, '--format', 'json')
    const versions = JSON.parse(json.stdout).versions as { version: string; changes: unknown[] }[]
    expect(versions.map((v) => [v.version, v.changes.length])).toEqual([
      ['20240601', 3],
      ['20230203-beta', 1],
      ['20230201', 4],
      ['20230101', 0],
      ['20220101', 0],
    ])
  })
})
