import type { ProblemParts } from '../change/index.ts'
import { type ErrorFormat, envelopeFormat } from '../conventions/error/index.ts'
import { StrataError } from '../error/index.ts'
import { errorPlans } from '../migrate/index.ts'
import type { NegotiationOptions, RequestView } from '../negotiate/index.ts'
import type { VersionSet } from '../version/index.ts'
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
  /** How errors are rendered; default the Confluent-style envelope. */
  readonly errors?: ErrorFormat
  /** Injected so tests can travel in time; default the system clock. */
  readonly clock?: () => Date
}

/** A defined API: framework-independent, ready for an adapter. */
export interface Api {
  readonly errors: ErrorFormat
  readonly clock: () => Date
  readonly headerOptions: ResponseHeaderOptions
  /** The scope names routes may use. */
  readonly scopeNames: readonly string[]
  /** The version list of a scope (the API-wide one when `scope` is absent). */
  versionsOf(scope?: string): VersionSet
  /** The error migrations shared by every endpoint of a scope, for a version index. */
  errorPlan(scope: string | undefined, index: number): ((problem: ProblemParts) => void) | undefined
  /** Negotiates and gates one request in a scope (the API-wide scope when `scope` is absent). */
  admit(request: RequestView, scope?: string): Admission
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
  return {
    errors: options.errors ?? envelopeFormat,
    clock,
    headerOptions,
    scopeNames,
    versionsOf: (scope) => engineOf(scope).versions,
    errorPlan(scope, index) {
      let plans = errorPlanByScope.get(scope)
      if (plans === undefined) {
        plans = errorPlans(engineOf(scope).versions.versions)
        errorPlanByScope.set(scope, plans)
      }
      return plans(index)
    },
    admit: (request, scope) => engineOf(scope).admit(request, clock()),
  }
}
