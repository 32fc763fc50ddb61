import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Api } from '../../api/index.ts'
import type { CustomRule } from '../diff/custom-rule.ts'
import { diffOpenApi } from '../diff/diff-openapi.ts'
import type { Finding } from '../diff/finding.ts'
import { isJsonObject } from '../load/json-pointer.ts'
import { loadOpenApi } from '../load/load-openapi.ts'
import { type OpenApiDocument, toOpenApiDocument } from '../load/openapi-document.ts'
import type { Policy } from '../policy/policy.ts'
import type { Contract } from './generate-contract.ts'

/**
 * The folder of a scope's snapshots: `api` for the API-wide scope, else the scope's name.
 *
 * @example
 * scopeFolder(undefined) // 'api'
 */
export const scopeFolder = (scope: string | undefined): string => scope ?? 'api'

/** How one version fared against its committed snapshot. Only `breaking` and `removed` fail the check. */
export type CheckVerdict =
  | 'unchanged'
  | 'compatible'
  | 'changed-freely'
  | 'breaking'
  | 'added'
  | 'retired'
  | 'withdrawn'
  | 'removed'

/** One version's outcome. */
export interface VersionCheck {
  readonly scope: string | undefined
  /** The version as clients send it (`20230203-beta`). */
  readonly version: string
  /** The snapshot, relative to the contracts folder (`api/20230101.json`). */
  readonly file: string
  readonly verdict: CheckVerdict
  /** The lifecycle phase at `now` (or as the snapshot last recorded it, for versions gone from the API). */
  readonly phase?: string
  readonly findings: readonly Finding[]
  /** Why the version was withdrawn for security (verdict `withdrawn`). */
  readonly reason?: string
}

/** Options of {@link checkContracts}. */
export interface CheckOptions {
  readonly now: Date
  readonly policy?: Policy
  /** Custom rules, as `diffOpenApi`'s `rules`. */
  readonly rules?: readonly CustomRule[]
  /** The lowest severity that fails a GA or deprecated version; `breaking` by default. */
  readonly failOn?: 'breaking' | 'warning'
}

/**
 * The phases whose versions may still break: Confluent's Early Access "may change at any time" and its
 * Preview is "not recommended for production usage", and an unreleased version has no clients yet.
 * Limited Availability is "recommended for production usage" (seed 001), and Cognite's beta promises
 * that "any changes we make to a feature while it's in beta will be backwards-compatible" (seed 002),
 * so LA versions and the beta channel are held to the same rules as GA. The playground has no
 * contract at all.
 */
const mayBreak = new Set(['early-access', 'preview', 'unreleased'])
const lifecycleOf = (doc: OpenApiDocument): Record<string, unknown> => {
  const info = doc.root.info
  const ext = isJsonObject(info) ? info['x-lifecycle'] : undefined
  return isJsonObject(ext) ? ext : {}
}
const freeToChange = (phase: unknown): boolean => typeof phase === 'string' && mayBreak.has(phase)

async function _snapshots(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const scopes = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const scope of scopes.filter((d) => d.isDirectory())) {
    for (const file of await readdir(join(dir, scope.name))) {
      if (/\.(json|ya?ml)$/.test(file)) out.set(`${scope.name}/${file.replace(/\.(json|ya?ml)$/, '')}`, file)
    }
  }
  return out
}

const versionFinding = (rule: string, message: string, file: string): Finding => ({
  rule,
  severity: 'breaking',
  location: { pointer: `${file}#` },
  message,
})

/**
 * The CI gate: compares every version's freshly generated contract with its committed snapshot.
 * A limited, GA or deprecated version (beta channel included) may only change compatibly, an early
 * access or preview version freely; a new
 * version is welcome, and a snapshot's version may disappear only once its sunset date has passed.
 * Throws an `OpenApiInputError` when a snapshot cannot be read.
 *
 * @example
 * const checks = await checkContracts(api, generateContracts(source, { now }), 'contracts', { now })
 * const failed = checks.some((c) => c.verdict === 'breaking' || c.verdict === 'removed')
 */
export async function checkContracts(
  api: Api,
  contracts: readonly Contract[],
  dir: string,
  options: CheckOptions,
): Promise<VersionCheck[]> {
  const snapshots = await _snapshots(dir)
  const out: VersionCheck[] = []
  const fails = (f: Finding) => f.severity === 'breaking' || (options.failOn === 'warning' && f.severity === 'warning')
  for (const contract of contracts) {
    const key = `${scopeFolder(contract.scope)}/${contract.label}`
    const base = { scope: contract.scope, version: contract.label, phase: contract.phase }
    const name = snapshots.get(key)
    snapshots.delete(key)
    if (name === undefined) {
      out.push({ ...base, file: `${key}.json`, verdict: 'added', findings: [] })
      continue
    }
    const file = `${scopeFolder(contract.scope)}/${name}`
    const old = await loadOpenApi(join(dir, file))
    const fresh = toOpenApiDocument(structuredClone(contract.document), `${file} (generated)`)
    const findings = diffOpenApi(old, fresh, {
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.rules ? { rules: options.rules } : {}),
      now: options.now,
    })
    const was = lifecycleOf(old)
    const verdict: CheckVerdict = !findings.some(fails)
      ? findings.length === 0
        ? 'unchanged'
        : 'compatible'
      : freeToChange(contract.phase) && freeToChange(was.phase)
        ? 'changed-freely'
        : 'breaking'
    out.push({ ...base, file, verdict, findings })
  }
  const scopes = new Map([undefined, ...api.scopeNames].map((s) => [scopeFolder(s), s]))
  for (const [key, name] of snapshots) {
    const [folder, label] = key.split('/') as [string, string]
    const file = `${folder}/${name}`
    const inApi = scopes.has(folder)
    const scope = inApi ? scopes.get(folder) : folder
    const versions = inApi ? api.versionsOf(scope) : undefined
    const suffix = (inApi ? api.negotiationOf(scope).beta?.suffix : undefined) ?? '-beta'
    const version = versions?.find(label.endsWith(suffix) ? label.slice(0, -suffix.length) : label)
    const was = lifecycleOf(await loadOpenApi(join(dir, file)))
    const sunset = version?.sunset ?? (typeof was.sunset === 'string' ? new Date(`${was.sunset}T00:00:00Z`) : undefined)
    const base = {
      scope,
      version: label,
      file,
      phase: String(version ? versions!.phase(version, options.now) : was.phase),
    }
    const withdrawn = version !== undefined ? api.withdrawalOf(scope, version.id) : undefined
    if (withdrawn !== undefined) {
      // Withdrawn at once for security: no notice was owed, so its snapshot going away is no breach.
      out.push({ ...base, verdict: 'withdrawn', findings: [], reason: withdrawn })
    } else if (sunset !== undefined && sunset.getTime() <= options.now.getTime()) {
      out.push({ ...base, verdict: 'retired', findings: [] })
    } else if (freeToChange(was.phase)) {
      out.push({ ...base, verdict: 'changed-freely', findings: [] })
    } else {
      const message =
        sunset === undefined
          ? `API version ${label} was removed, but it never announced a sunset date; deprecate it with a sunset date first.`
          : `API version ${label} was removed before its announced sunset on ${sunset.toISOString().slice(0, 10)}.`
      const rule = sunset === undefined ? 'version-removed' : 'version-removed-before-sunset'
      out.push({ ...base, verdict: 'removed', findings: [versionFinding(rule, message, file)] })
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/**
 * Whether any version check fails the gate (a `breaking` or `removed` verdict).
 *
 * @example
 * process.exitCode = checkFailed(checks) ? 1 : 0
 */
export const checkFailed = (checks: readonly VersionCheck[]): boolean =>
  checks.some((c) => c.verdict === 'breaking' || c.verdict === 'removed')
