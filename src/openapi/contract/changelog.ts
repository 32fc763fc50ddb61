import type { Change } from '../../change/index.ts'
import { schemaNamesOf } from '../../migrate/index.ts'
import { diffOpenApi } from '../diff/diff-openapi.ts'
import type { Finding } from '../diff/finding.ts'
import { toOpenApiDocument } from '../load/openapi-document.ts'
import type { Policy } from '../policy/policy.ts'
import type { ContractSource } from './contract-source.ts'
import { type Contract, generateContracts } from './generate-contract.ts'

/** What one version changed, for customers. */
export interface ChangelogEntry {
  readonly scope: string | undefined
  /** The version as clients send it. */
  readonly version: string
  readonly channel: 'stable' | 'beta'
  readonly phase: string
  readonly released?: string
  readonly deprecated?: string
  readonly sunset?: string
  readonly description?: string
  readonly docs?: string
  /** The version this one is compared with: the previous one on its channel. */
  readonly previous?: string
  /** The ledger's changes since `previous`, oldest first. */
  readonly changes: readonly { readonly name: string; readonly description: string }[]
  /** What the checker finds between the two versions' contracts (lifecycle findings left out). */
  readonly findings: readonly Finding[]
  /** Why the version, or some of its endpoints, were withdrawn at once for security. */
  readonly withdrawn?: readonly { readonly endpoint?: string; readonly reason: string }[]
}

// A version's own lifecycle is stated in the entry; deprecation findings between versions are noise.
const lifecycleRules = new Set(['deprecated', 'reactivated', 'deprecation-notice-too-short', 'sunset-changed'])
const day = (d: Date | undefined) => d?.toISOString().slice(0, 10)

/**
 * Whether a ledger change touches internal routes only (endpoints marked internal, or schemas that
 * only internal routes use): such a change carries no promise and stays out of the changelog.
 */
function _internalOnly(change: Change, source: ContractSource, scope: string | undefined): boolean {
  const routes = source.routes.filter((r) => r.scope === scope)
  const internal = routes.filter((r) => r.internal === true)
  if (internal.length === 0 || change.instructions.length === 0) return false
  const publicSchemas = new Set(routes.filter((r) => r.internal !== true).flatMap((r) => [...schemaNamesOf(r.spec)]))
  const isInternal = (method: string, path: string) =>
    internal.some((r) => r.spec.method === method.toUpperCase() && r.spec.path === path)
  return change.instructions.every((ins) => {
    if ('schema' in ins && typeof ins.schema === 'string') return !publicSchemas.has(ins.schema)
    if ('method' in ins && 'path' in ins) return isInternal(ins.method, ins.path)
    return false
  })
}

function _entry(
  contract: Contract,
  previous: Contract | undefined,
  source: ContractSource,
  options: { now: Date; policy?: Policy },
) {
  const all = source.api.versionsOf(contract.scope).versions
  const from = previous === undefined ? 0 : all.indexOf(previous.version) + 1
  const changes = all
    .slice(from, all.indexOf(contract.version) + 1)
    .flatMap((v) => v.changes ?? [])
    .filter((c) => !_internalOnly(c, source, contract.scope))
    .map((c) => ({ name: c.name, description: c.description }))
  const doc = (c: Contract) => toOpenApiDocument(structuredClone(c.document), c.label)
  const findings =
    previous === undefined
      ? []
      : diffOpenApi(doc(previous), doc(contract), options).filter((f) => !lifecycleRules.has(f.rule))
  const v = contract.version
  const withdrawn = source.api.withdrawals
    .filter((w) => w.scope === contract.scope && (w.version === undefined || w.version === v.id))
    .map((w) => ({ ...(w.path !== undefined ? { endpoint: `${w.method ?? '*'} ${w.path}` } : {}), reason: w.reason }))
  const optional = { released: day(v.released), deprecated: day(v.deprecated), sunset: day(v.sunset) }
  return {
    scope: contract.scope,
    version: contract.label,
    channel: contract.channel,
    phase: contract.phase,
    ...Object.fromEntries(Object.entries(optional).filter(([, x]) => x !== undefined)),
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.docs !== undefined ? { docs: v.docs } : {}),
    ...(previous !== undefined ? { previous: previous.label } : {}),
    changes,
    findings,
    ...(withdrawn.length > 0 ? { withdrawn } : {}),
  } as ChangelogEntry
}

/**
 * Builds the customer-facing changelog of every released version, newest first: the version's
 * description and lifecycle dates, the ledger's change descriptions since the previous version on
 * its channel, and what the checker finds between the two versions' contracts.
 *
 * @example
 * const entries = buildChangelog(contractSourceOf(app), { now: new Date() })
 * await writeFile('CHANGELOG-API.md', formatChangelogMarkdown(entries))
 */
export function buildChangelog(source: ContractSource, options: { now: Date; policy?: Policy }): ChangelogEntry[] {
  const contracts = generateContracts(source, { now: options.now, include: 'released' })
  const entries: ChangelogEntry[] = []
  for (const [i, contract] of contracts.entries()) {
    const previous = contracts
      .slice(0, i)
      .findLast((c) => c.scope === contract.scope && (contract.channel === 'beta' || c.channel === 'stable'))
    entries.push(_entry(contract, previous, source, options))
  }
  return entries.reverse()
}
