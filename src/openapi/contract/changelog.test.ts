import { describe, expect, test } from 'vitest'
import { defineApi } from '../../api/index.ts'
import { defineChange, schema } from '../../change/index.ts'
import { fromHeader } from '../../negotiate/index.ts'
import { defineSchema } from '../../schema/index.ts'
import { calendarScheme, defineVersions } from '../../version/index.ts'
import { buildChangelog } from './changelog.ts'
import { defineContractSource } from './contract-source.ts'
import { formatChangelogJson, formatChangelogMarkdown } from './format-changelog.ts'

const Invoice = defineSchema('Invoice', {
  type: 'object',
  required: ['id', 'state'],
  properties: { id: { type: 'integer' }, state: { type: 'string', enum: ['open', 'paid', 'void'] } },
})
const removeInvoiceMemo = defineChange({
  name: 'removeInvoiceMemo',
  description: 'Invoices no longer carry `memo`.',
  instructions: [
    schema(Invoice)
      .field('memo')
      .removed({ was: { type: 'string' } }),
  ],
})
const addVoidState = defineChange({
  name: 'addVoidInvoiceState',
  description: 'Invoice `state` can be `void`.',
  instructions: [schema(Invoice).field('state').enumValueAdded('void', { fallback: 'open' })],
})
const api = defineApi({
  versions: defineVersions({
    scheme: calendarScheme(),
    versions: [
      { id: '2024-01-01', description: 'First version.' },
      { id: '2024-03-01', channel: 'beta', changes: [addVoidState] },
      {
        id: '2024-06-01',
        description: 'Leaner invoices.',
        docs: 'https://example.com/v',
        changes: [removeInvoiceMemo],
      },
    ],
  }),
  negotiation: { sources: [fromHeader('Api-Version')] },
})
const source = defineContractSource(api, [
  { scope: undefined, spec: { method: 'GET', path: '/invoices/:id', responses: { 200: Invoice.schema } } },
])
const entries = buildChangelog(source, { now: new Date('2025-01-01T00:00:00Z') })

describe('buildChangelog', () => {
  test('three versions -> newest first, each compared with the previous on its channel', () => {
    expect(entries.map((e) => [e.version, e.previous])).toEqual([
      ['2024-06-01', '2024-01-01'],
      ['2024-03-01-beta', '2024-01-01'],
      ['2024-01-01', undefined],
    ])
  })

  test('stable after a beta -> the beta change is part of the stable changelog, with the checker findings', () => {
    const [newest] = entries
    expect(newest!.changes.map((c) => c.name)).toEqual(['addVoidInvoiceState', 'removeInvoiceMemo'])
    expect(newest!.findings.filter((f) => f.severity === 'breaking').map((f) => f.rule)).toEqual([
      'response-enum-value-added',
      'response-property-removed',
    ])
  })

  test('markdown -> a section per version with the ledger descriptions and a breaking table', () => {
    const md = formatChangelogMarkdown(entries)
    expect(md).toContain('## 2024-06-01 (2024-06-01)\n\n*ga* · [Documentation](https://example.com/v)')
    expect(md).toContain('- Invoices no longer carry `memo`. (`removeInvoiceMemo`)')
    expect(md).toContain('#### Breaking for clients of 2024-01-01 (2)')
    expect(md).toContain('*ga · beta channel*')
  })

  test('json -> versions with scope null for the API-wide scope', () => {
    const json = JSON.parse(formatChangelogJson(entries)) as { versions: { scope: null; version: string }[] }
    expect(json.versions[0]).toMatchObject({ scope: null, version: '2024-06-01', channel: 'stable' })
  })
})
