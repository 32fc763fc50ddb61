import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import { defineChange, schema } from '../../change/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { defineVersions, integerScheme } from '../../version/index.ts'
import { checkContracts, checkFailed } from './check-contracts.ts'
import { defineContractSource } from './contract-source.ts'
import { formatCheck } from './format-check.ts'
import { generateContracts } from './generate-contract.ts'
import { stringifyContract } from './stringify-contract.ts'

const Order = defineSchema('Order', {
  type: 'object',
  properties: { id: { type: 'integer' }, total: { type: 'number' } },
})
const renameOrderSumToTotal = defineChange({
  name: 'renameOrderSumToTotal',
  description: 'Order `sum` is now `total`.',
  instructions: [schema(Order).field('total').renamedFrom('sum')],
})
const api = defineApi({
  versions: defineVersions({
    scheme: integerScheme(),
    versions: [
      { id: '1', released: '2024-01-01', deprecated: '2025-01-01', sunset: '2026-01-01' },
      { id: '2', released: '2025-01-01', changes: [renameOrderSumToTotal] },
      { id: '3', released: '2025-06-01', stage: 'preview' },
    ],
  }),
  negotiation: { sources: [fromHeader('X-API-Version')] },
})
const source = defineContractSource(api, [
  { scope: undefined, spec: { method: 'GET', path: '/orders/:id', responses: { 200: Order.schema } } },
])
const NOW = new Date('2025-07-01T00:00:00Z')
/** A GA version, a limited-availability one, a beta-channel one and an early-access one. */
const channelApi = defineApi({
  versions: defineVersions({
    scheme: integerScheme(),
    versions: [
      { id: '1', released: '2024-01-01' },
      { id: '2', released: '2025-01-01', stage: 'limited', changes: [renameOrderSumToTotal] },
      { id: '3', released: '2025-02-01', channel: 'beta' },
      { id: '4', released: '2025-03-01', stage: 'early-access' },
    ],
  }),
  negotiation: { sources: [fromHeader('X-API-Version')] },
})
const channelSource = defineContractSource(channelApi, [
  { scope: undefined, spec: { method: 'GET', path: '/orders/:id', responses: { 200: Order.schema } } },
])
const channelContracts = generateContracts(channelSource, { now: NOW })
// biome-ignore lint/suspicious/noExplicitAny: snapshots are edited member by member
type Doc = Record<string, any>
const contracts = generateContracts(source, { now: NOW })

/** A snapshot folder as `strata contracts` writes it, with optional edits per version. */
function snapshots(edit: (label: string, doc: Doc) => void = () => {}, of = contracts): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-check-'))
  mkdirSync(join(dir, 'api'))
  for (const c of of) {
    const doc = structuredClone(c.document) as Doc
    edit(c.label, doc)
    if (Object.keys(doc).length > 0) writeFileSync(join(dir, 'api', `${c.label}.json`), stringifyContract(doc))
  }
  return dir
}
const channelSnapshots = (edit?: (label: string, doc: Doc) => void) => snapshots(edit, channelContracts)
const verdicts = async (dir: string, now = NOW) =>
  Object.fromEntries((await checkContracts(api, contracts, dir, { now })).map((c) => [c.version, c.verdict]))

describe('checkContracts', () => {
  test('snapshots as generated -> every version unchanged, check passes', async () => {
    const checks = await checkContracts(api, contracts, snapshots(), { now: NOW })
    expect(checks.map((c) => [c.file, c.verdict])).toEqual([
      ['api/1.json', 'unchanged'],
      ['api/2.json', 'unchanged'],
      ['api/3.json', 'unchanged'],
    ])
    expect(checkFailed(checks)).toBe(false)
  })

  test('GA version 2 lost a response property since its snapshot -> breaking, finding names the property', async () => {
    const dir = snapshots((label, doc) => {
      if (label === '2') doc.components.schemas.Order.properties.currency = { type: 'string' }
    })
    const checks = await checkContracts(api, contracts, dir, { now: NOW })
    const two = checks.find((c) => c.version === '2')!
    expect(two.verdict).toBe('breaking')
    expect(two.findings.map((f) => f.rule)).toEqual(['response-property-removed'])
    expect(checkFailed(checks)).toBe(true)
    expect(formatCheck(checks, 'text')).toContain('api/2.json  (ga) BREAKING changes in a published version')
  })

  test('preview version 3 changed incompatibly -> changed-freely, check passes', async () => {
    const dir = snapshots((label, doc) => {
      if (label === '3') doc.components.schemas.Order.properties.currency = { type: 'string' }
    })
    expect(await verdicts(dir)).toMatchObject({ '3': 'changed-freely' })
  })

  test('limited-availability version changed incompatibly -> breaking (LA is recommended for production)', async () => {
    const dir = channelSnapshots((label, doc) => {
      if (label === '2') doc.components.schemas.Order.properties.currency = { type: 'string' }
    })
    const checks = await checkContracts(channelApi, channelContracts, dir, { now: NOW })
    expect(checks.find((c) => c.version === '2')).toMatchObject({ verdict: 'breaking', phase: 'limited' })
    expect(checkFailed(checks)).toBe(true)
  })

  test('beta-channel version changed incompatibly -> breaking (beta changes must be backwards compatible)', async () => {
    const dir = channelSnapshots((label, doc) => {
      if (label === '3-beta') doc.components.schemas.Order.properties.currency = { type: 'string' }
    })
    const checks = await checkContracts(channelApi, channelContracts, dir, { now: NOW })
    expect(checks.find((c) => c.version === '3-beta')?.verdict).toBe('breaking')
    expect(checkFailed(checks)).toBe(true)
  })

  test('early-access version changed incompatibly -> changed-freely, check passes', async () => {
    const dir = channelSnapshots((label, doc) => {
      if (label === '4') doc.components.schemas.Order.properties.currency = { type: 'string' }
    })
    const checks = await checkContracts(channelApi, channelContracts, dir, { now: NOW })
    expect(checks.find((c) => c.version === '4')?.verdict).toBe('changed-freely')
    expect(checkFailed(checks)).toBe(false)
  })

  test('snapshot of a beta version gone from the API, no sunset -> removed, check fails', async () => {
    const dir = channelSnapshots()
    const beta = channelContracts.find((c) => c.label === '3-beta')!
    writeFileSync(join(dir, 'api', '0-beta.json'), stringifyContract(beta.document))
    const checks = await checkContracts(channelApi, channelContracts, dir, { now: NOW })
    expect(checks.find((c) => c.version === '0-beta')?.verdict).toBe('removed')
  })

  test('no snapshot yet for version 3 -> added', async () => {
    const dir = snapshots((label, doc) => {
      if (label === '3') for (const k of Object.keys(doc)) delete doc[k]
    })
    expect(await verdicts(dir)).toMatchObject({ '3': 'added' })
  })

  test('version 1 past its sunset -> not regenerated, its snapshot retired', async () => {
    const later = new Date('2026-02-01T00:00:00Z')
    const checks = await checkContracts(api, generateContracts(source, { now: later }), snapshots(), { now: later })
    expect(checks.find((c) => c.version === '1')?.verdict).toBe('retired')
    expect(checkFailed(checks)).toBe(false)
  })

  test('snapshot of a GA version no longer declared, sunset ahead -> removed before sunset, check fails', async () => {
    const dir = snapshots()
    const ghost = { ...contracts[1]!.document, info: { title: 't', version: '0', 'x-lifecycle': { phase: 'ga' } } }
    writeFileSync(join(dir, 'api', '0.json'), stringifyContract(ghost))
    const withSunset = structuredClone(ghost)
    ;(withSunset.info as Record<string, unknown>)['x-lifecycle'] = { phase: 'deprecated', sunset: '2030-01-01' }
    writeFileSync(join(dir, 'api', '9.json'), stringifyContract(withSunset))
    const checks = await checkContracts(api, contracts, dir, { now: NOW })
    expect(checks.find((c) => c.version === '0')?.findings.map((f) => f.rule)).toEqual(['version-removed'])
    expect(checks.find((c) => c.version === '9')?.findings[0]?.message).toBe(
      'API version 9 was removed before its announced sunset on 2030-01-01.',
    )
    expect(checkFailed(checks)).toBe(true)
    rmSync(dir, { recursive: true })
  })
})
