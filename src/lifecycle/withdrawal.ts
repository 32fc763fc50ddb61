import { HttpProblem } from '../conventions/error/problem.ts'
import { StrataError } from '../error/index.ts'
import type { VersionSet } from '../version/index.ts'

/**
 * A version or endpoint withdrawn at once for security, bypassing the notice policy (Confluent's
 * security exception). Without `version`, every version of the scope (or of the endpoint) is
 * withdrawn; without `path`, the whole version.
 */
export interface Withdrawal {
  /** The version scope (API group, endpoint); the API-wide one when absent. */
  readonly scope?: string
  readonly version?: string
  /** The route's method, with `path`; every method of the path when absent. */
  readonly method?: string
  /** The route's head path template (`/cmk/v2/clusters/:id`). */
  readonly path?: string
  /** Why, for clients: the 410 body and the changelog carry it. */
  readonly reason: string
}

const _invalid = (message: string) => new StrataError('STRATA_ERR_LIFECYCLE_WITHDRAWAL_INVALID', message)
const KEYS = new Set(['scope', 'version', 'method', 'path', 'reason'])

/**
 * Parses a list of withdrawals (JSON text), refusing anything that is not one.
 *
 * @example
 * parseWithdrawals('[{"scope":"cmk","version":"v1","reason":"CVE-2026-1234"}]', 'STRATA_WITHDRAWN')
 */
export function parseWithdrawals(text: string, origin: string): Withdrawal[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw _invalid(`${origin} is not JSON; write a list such as [{"version":"v1","reason":"CVE-2026-1234"}].`)
  }
  if (!Array.isArray(value)) throw _invalid(`${origin} must be a JSON list of withdrawals.`)
  return value.map((item, i) => {
    const at = `${origin}[${i}]`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw _invalid(`${at} must be an object.`)
    for (const [key, v] of Object.entries(item)) {
      if (!KEYS.has(key)) throw _invalid(`${at} has an unknown key '${key}'; use scope, version, method, path, reason.`)
      if (typeof v !== 'string') throw _invalid(`${at}.${key} must be a string.`)
    }
    const w = item as Withdrawal
    if (w.reason === undefined || w.reason.trim() === '')
      throw _invalid(`${at} needs a reason: clients are told why the version or endpoint is gone.`)
    if (w.method !== undefined && w.path === undefined) throw _invalid(`${at} names a method without a path.`)
    return w
  })
}

/**
 * Reads the withdrawals in force from the environment, at start-up, so an emergency takes effect on
 * every instance without a code change: `STRATA_WITHDRAWN` (a JSON list) and `STRATA_WITHDRAWN_FILE`
 * (a JSON file holding one) are both read.
 *
 * @example
 * defineApi({ versions, negotiation, withdrawn: readWithdrawals() })
 */
export function readWithdrawals(env: NodeJS.ProcessEnv = globalThis.process?.env ?? {}): Withdrawal[] {
  const out: Withdrawal[] = []
  if (env.STRATA_WITHDRAWN) out.push(...parseWithdrawals(env.STRATA_WITHDRAWN, 'STRATA_WITHDRAWN'))
  const file = env.STRATA_WITHDRAWN_FILE
  if (file) {
    let text: string
    try {
      // Loaded on use: the runtime also runs where there is no file system (Workers), without this variable.
      const fs = process.getBuiltinModule('node:fs') as typeof import('node:fs')
      text = fs.readFileSync(file, 'utf8')
    } catch {
      throw _invalid(`STRATA_WITHDRAWN_FILE ${file} cannot be read.`)
    }
    out.push(...parseWithdrawals(text, `STRATA_WITHDRAWN_FILE ${file}`))
  }
  return out
}

const _templateMatches = (template: string, path: string): boolean =>
  new RegExp(
    `^${template
      .split(/:[A-Za-z0-9_]+/)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  ).test(path)

/**
 * The withdrawal that applies to a request of a scope at a version, if any.
 *
 * @example
 * findWithdrawal(list, 'cmk', 'v1', 'GET', '/cmk/v1/clusters')
 */
export function findWithdrawal(
  withdrawals: readonly Withdrawal[],
  scope: string | undefined,
  version: string,
  method: string,
  path: string,
): Withdrawal | undefined {
  return withdrawals.find(
    (w) =>
      w.scope === scope &&
      (w.version === undefined || w.version === version) &&
      (w.path === undefined || _templateMatches(w.path, path)) &&
      (w.method === undefined || w.method.toUpperCase() === method.toUpperCase()),
  )
}

/**
 * The 410 WITHDRAWN a withdrawn version or endpoint answers, naming the reason and the versions left.
 *
 * @example
 * throw withdrawalProblem(withdrawal, 'v1', versions, new Date())
 */
export function withdrawalProblem(w: Withdrawal, version: string, versions: VersionSet, now: Date): HttpProblem {
  const latest = versions.latest('stable', now)
  const what = w.path === undefined ? `API version ${version}` : `${w.method ?? 'Every method of'} ${w.path}`
  return new HttpProblem({
    status: 410,
    code: 'WITHDRAWN',
    message: `${what} was withdrawn: ${w.reason}`,
    ...(latest !== undefined && latest.id !== version ? { suggestion: `Upgrade to ${latest.id}` } : {}),
    data: {
      requested_version: version,
      ...(latest !== undefined ? { latest_version: latest.id } : {}),
      supported_versions: versions.supported('stable', now).map((v) => v.id),
      withdrawn: w.path === undefined ? version : `${w.method ?? '*'} ${w.path}`,
      reason: w.reason,
    },
  })
}
