import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/security-rules.ts'
import { jsonKey } from './json-equal.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'

/** One alternative of a security requirement: scheme name -> required scopes. */
type Alternative = Map<string, Set<string>>

/**
 * Compares the effective security of an operation (its own `security`, else the document's). The
 * requirement list is a set of alternatives; an old caller still gets in when some new alternative
 * asks for no more schemes and scopes than an old alternative it satisfied.
 */
export function diffSecurity(ctx: SchemaContext, oldOperation: JsonObject, newOperation: JsonObject): void {
  const run = ctx.run
  const oldAlternatives = alternativesOf(oldOperation.security ?? run.oldDoc.root.security)
  const newAlternatives = alternativesOf(newOperation.security ?? run.newDoc.root.security)
  if (jsonKey(serialize(oldAlternatives)) === jsonKey(serialize(newAlternatives))) return
  const stranded = oldAlternatives.filter((old) => !newAlternatives.some((next) => within(next, old)))
  if (stranded.length > 0) {
    const wanted = newAlternatives.map(describe).join(' or ')
    reportAt(ctx, rules.securityRequirementAdded, { detail: wanted })
  } else {
    reportAt(ctx, rules.securityRequirementRelaxed, {})
  }
}

function alternativesOf(security: unknown): Alternative[] {
  if (!Array.isArray(security) || security.length === 0) return [new Map()]
  return security.filter(isJsonObject).map((requirement) => {
    const alternative: Alternative = new Map()
    for (const [scheme, scopes] of Object.entries(requirement)) {
      alternative.set(scheme, new Set(Array.isArray(scopes) ? scopes.map(String) : []))
    }
    return alternative
  })
}

/** Whether `inner` asks for no scheme or scope that `outer` does not have. */
function within(inner: Alternative, outer: Alternative): boolean {
  for (const [scheme, scopes] of inner) {
    const granted = outer.get(scheme)
    if (granted === undefined) return false
    for (const scope of scopes) if (!granted.has(scope)) return false
  }
  return true
}

function serialize(alternatives: Alternative[]): string[] {
  return alternatives.map((a) => jsonKey([...a].map(([k, v]) => [k, [...v].sort()]).sort())).sort()
}

function describe(alternative: Alternative): string {
  if (alternative.size === 0) return 'no authentication'
  return [...alternative]
    .map(([scheme, scopes]) => `\`${scheme}\`${scopes.size > 0 ? ` with scopes ${[...scopes].join(', ')}` : ''}`)
    .join(' and ')
}
