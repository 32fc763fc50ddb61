import type { ProblemParts } from '../change/index.ts'
import { type ErrorFormat, envelopeFormat } from '../conventions/error/index.ts'
import { StrataError } from '../error/index.ts'
import {
  defineLegacyPaths,
  findWithdrawal,
  type LegacyPathInput,
  type Withdrawal,
  withdrawalProblem,
} from '../lifecycle/index.ts'
import { errorPlans } from '../migrate/index.ts'
import type { NegotiationOptions, RequestView } from '../negotiate/index.ts'
import { defineNoticeSettings, type NoticeOptions, type NoticeSettings } from '../notices/notice-options.ts'
import type { VersionSet } from '../version/index.ts'
import { admitLegacy } from './legacy-admission.ts'
import { type Admission, createScopeEngine, type LifecycleOptions, type ResponseHeaderOptions } from './scope-engine.ts'

/** One version scope besides the API-wide one: an API group or an endpoint with its own versions. */
export interface ScopeOptions {
  readonly versions: VersionSet
  /** Negotiation settings that differ from the API's, e.g. a per-endpoint default. */
  readonly negotiation?: Partial<Omit<NegotiationOptions, 'versions'>>
}

export interface ApiOptions {
  /** The API-wide version list, used by routes that name no scope. */
  readonly versions: VersionSet
  readonly negotiation: Omit<NegotiationOptions, 'versions'>
  /** Named scopes (API groups, endpoints), chosen per route. */
  readonly scopes?: Readonly<Record<string, ScopeOptions>>
  readonly headers?: ResponseHeaderOptions
  readonly lifecycle?: LifecycleOptions
  /**
   * Older path forms that still reach the current routes, with their own deprecation and sunset
   * dates (e.g. IP Fabric's `/api/v7.5/...`); their headers follow `lifecycle`'s formats.
   */
  readonly legacyPaths?: readonly LegacyPathInput[]
  /**
   * Versions and endpoints withdrawn at once for security (usually `readWithdrawals()`, read at
   * start-up from the environment): they answer 410 WITHDRAWN with the reason, whatever the notice policy.
   */
  readonly withdrawn?: readonly Withdrawal[]
  /** How errors are rendered; default the Confluent-style envelope. */
  readonly errors?: ErrorFormat
  /** Injected so tests can travel in time; default the system clock. */
  readonly clock?: () => Date
  /** Deprecation notices (`strata notices`): the contact resolver and reminder days; see docs/notices.md. */
  readonly notices?: NoticeOptions
}

/** A defined API: framework-independent, ready for an adapter. */
export interface Api {
  readonly errors: ErrorFormat
  readonly clock: () => Date
  readonly headerOptions: ResponseHeaderOptions
  /** The lifecycle settings (header formats, links, early access), for contracts and docs. */
  readonly lifecycleOptions: LifecycleOptions
  /** The scope names routes may use. */
  readonly scopeNames: readonly string[]
  /** Every withdrawal in force: from `withdrawn` and from versions declared with a `withdrawn` reason. */
  readonly withdrawals: readonly Withdrawal[]
  /** Why a whole version of a scope was withdrawn, when it was. */
  withdrawalOf(scope: string | undefined, version: string): string | undefined
  /** The version list of a scope (the API-wide one when `scope` is absent). */
  versionsOf(scope?: string): VersionSet
  /** The negotiation settings of a scope (sources, default, beta, playground), for contracts and docs. */
  negotiationOf(scope?: string): Omit<NegotiationOptions, 'versions'>
  /** The error migrations shared by every endpoint of a scope, for a version index. */
  errorPlan(scope: string | undefined, index: number): ((problem: ProblemParts) => void) | undefined
  /**
   * Negotiates and gates one request in a scope (the API-wide scope when `scope` is absent); a
   * request whose `originalPath` is a legacy form also gets that form's headers, or its 410.
   */
  admit(request: RequestView, scope?: string): Admission
  /** Whether the API declares legacy path forms that adapters must rewrite before routing. */
  readonly hasLegacyPaths: boolean
  /** The current form of a request URL: legacy path forms rewritten, anything else unchanged. */
  rewriteUrl(url: string): string
  /** Deprecation notice settings, checked against each scope's notice policy. */
  readonly notices: NoticeSettings
}

/**
 * Defines an API's versions, negotiation, lifecycle headers and error format, checking them all
 * at once so a mistake fails at start-up with a message that says how to fix it.
 *
 * @example
 * const api = defineApi({
 *   versions,
 *   negotiation: { sources: [fromHeader('Cdf-Version')], default: { version: '20230101' } },
 * })
 */
export function defineApi(options: ApiOptions): Api {
  const clock = options.clock ?? (() => new Date())
  const headerOptions = options.headers ?? {}
  const lifecycle = options.lifecycle ?? {}
  const legacy =
    options.legacyPaths !== undefined && options.legacyPaths.length > 0
      ? defineLegacyPaths(options.legacyPaths, lifecycle)
      : undefined
  const main = createScopeEngine({ ...options.negotiation, versions: options.versions }, headerOptions, lifecycle)
  const engines = new Map(
    Object.entries(options.scopes ?? {}).map(([name, scope]) => [
      name,
      createScopeEngine(
        { ...options.negotiation, ...scope.negotiation, versions: scope.versions },
        headerOptions,
        lifecycle,
      ),
    ]),
  )
  const scopeNames = [...engines.keys()]
  const notices = defineNoticeSettings(
    options.notices,
    new Map([[undefined, main.versions], ...[...engines].map(([name, e]) => [name, e.versions] as const)]),
  )
  const errorPlanByScope = new Map<string | undefined, ReturnType<typeof errorPlans>>()
  const engineOf = (scope: string | undefined) => {
    if (scope === undefined) return main
    const engine = engines.get(scope)
    if (engine === undefined) {
      throw new StrataError(
        'STRATA_ERR_API_UNKNOWN_SCOPE',
        `A route names the version scope '${scope}', which the API does not declare; declare it under \`scopes\` (known: ${scopeNames.join(', ') || 'none'}).`,
      )
    }
    return engine
  }
  const withdrawals = _withdrawals(options, scopeNames, engineOf)
  return {
    errors: options.errors ?? envelopeFormat,
    withdrawals,
    withdrawalOf: (scope, version) =>
      withdrawals.find((w) => w.scope === scope && w.version === version && w.path === undefined)?.reason,
    clock,
    headerOptions,
    lifecycleOptions: lifecycle,
    scopeNames,
    versionsOf: (scope) => engineOf(scope).versions,
    negotiationOf(scope) {
      engineOf(scope) // an unknown scope throws as everywhere else
      return scope === undefined
        ? options.negotiation
        : { ...options.negotiation, ...options.scopes?.[scope]?.negotiation }
    },
    errorPlan(scope, index) {
      let plans = errorPlanByScope.get(scope)
      if (plans === undefined) {
        plans = errorPlans(engineOf(scope).versions.versions)
        errorPlanByScope.set(scope, plans)
      }
      return plans(index)
    },
    admit(request, scope) {
      const engine = engineOf(scope)
      const now = clock()
      const admitted = engine.admit(request, now)
      const admission = legacy === undefined ? admitted : admitLegacy(legacy, engine, request, admitted, now)
      if (!admission.ok || withdrawals.length === 0 || admission.context.channel === 'playground') return admission
      const id = admission.context.version.id
      const withdrawn = findWithdrawal(withdrawals, scope, id, request.method, request.path)
      if (withdrawn === undefined) return admission
      return engine.refuse(withdrawalProblem(withdrawn, id, engine.versions, now), now)
    },
    hasLegacyPaths: legacy !== undefined,
    rewriteUrl: (url) => legacy?.rewrite(url) ?? url,
    notices,
  }
}

/** Every withdrawal in force, each checked against the scopes and versions it names. */
function _withdrawals(
  options: ApiOptions,
  scopeNames: readonly string[],
  engineOf: (scope: string | undefined) => { versions: VersionSet },
): Withdrawal[] {
  const out: Withdrawal[] = []
  for (const scope of [undefined, ...scopeNames]) {
    for (const v of engineOf(scope).versions.versions) {
      if (v.withdrawn !== undefined)
        out.push({ ...(scope !== undefined ? { scope } : {}), version: v.id, reason: v.withdrawn })
    }
  }
  for (const w of options.withdrawn ?? []) {
    if (w.scope !== undefined && !scopeNames.includes(w.scope)) {
      throw new StrataError(
        'STRATA_ERR_LIFECYCLE_WITHDRAWAL_INVALID',
        `A withdrawal names the scope '${w.scope}', which the API does not declare (known: ${scopeNames.join(', ') || 'none'}).`,
      )
    }
    const versions = engineOf(w.scope).versions
    if (w.version !== undefined && versions.find(w.version) === undefined) {
      throw new StrataError(
        'STRATA_ERR_LIFECYCLE_WITHDRAWAL_INVALID',
        `A withdrawal names version '${w.version}' of ${w.scope ?? 'the API'}, which is not declared (known: ${versions.versions.map((v) => v.id).join(', ')}).`,
      )
    }
    if (w.reason.trim() === '') {
      throw new StrataError('STRATA_ERR_LIFECYCLE_WITHDRAWAL_INVALID', 'A withdrawal needs a reason for clients.')
    }
    out.push(w)
  }
  return out
}
