import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/security-rules.ts'
import type { DiffRun } from './diff-run.ts'
import { jsonKey } from './json-equal.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'

/** One alternative of a security requirement: what the scheme is (see {@link identityOf}) -> required scopes. */
type Alternative = Map<string, Set<string>>

/**
 * Compares the effective security of an operation (its own `security`, else the document's). The
 * requirement list is a set of alternatives; an old caller still gets in when some new alternative
 * asks for no more schemes and scopes than an old alternative it satisfied. Schemes are compared by
 * what they are, not by their names: a scheme renamed is the same scheme, and a scheme whose
 * definition changed under the same name is a new requirement.
 */
export function diffSecurity(ctx: SchemaContext, oldOperation: JsonObject, newOperation: JsonObject): void {
  const run = ctx.run
  const names = new Map<string, string>()
  const oldAlternatives = alternativesOf(oldOperation.security ?? run.oldDoc.root.security, (n) =>
    identityOf(run, 'old', n),
  )
  const newAlternatives = alternativesOf(newOperation.security ?? run.newDoc.root.security, (n) => {
    const identity = identityOf(run, 'new', n)
    names.set(identity, n)
    return identity
  })
  if (jsonKey(serialize(oldAlternatives)) === jsonKey(serialize(newAlternatives))) return
  const stranded = oldAlternatives.filter((old) => !newAlternatives.some((next) => within(next, old)))
  if (stranded.length > 0) {
    const wanted = newAlternatives.map((a) => describe(a, names)).join(' or ')
    reportAt(ctx, rules.securityRequirementAdded, { detail: wanted })
  } else {
    reportAt(ctx, rules.securityRequirementRelaxed, {})
  }
}

function alternativesOf(security: unknown, identify: (name: string) => string): Alternative[] {
  if (!Array.isArray(security) || security.length === 0) return [new Map()]
  return security.filter(isJsonObject).map((requirement) => {
    const alternative: Alternative = new Map()
    for (const [scheme, scopes] of Object.entries(requirement)) {
      const identity = identify(scheme)
      const granted = alternative.get(identity) ?? new Set<string>()
      for (const scope of Array.isArray(scopes) ? scopes.map(String) : []) granted.add(scope)
      alternative.set(identity, granted)
    }
    return alternative
  })
}

/**
 * What a security scheme asks of a client, without its name or descriptions: its type, where an
 * API key travels and under which name (header names without case), the HTTP auth scheme, the
 * OAuth flows with their URLs, the OpenID Connect discovery URL. The scopes a flow offers are
 * left out: which of them an operation needs is the requirement's business.
 */
function identityOf(run: DiffRun, side: 'old' | 'new', name: string): string {
  const schemes = run.object(side, (side === 'old' ? run.oldDoc : run.newDoc).root.components)?.securitySchemes
  const scheme = run.object(side, isJsonObject(schemes) ? schemes[name] : undefined)
  if (scheme === undefined) return jsonKey({ undeclared: name })
  const type = String(scheme.type ?? '').toLowerCase()
  const flows = run.object(side, scheme.flows)
  return jsonKey({
    type,
    in: type === 'apikey' ? scheme.in : undefined,
    name:
      type === 'apikey' && typeof scheme.name === 'string'
        ? scheme.in === 'header'
          ? scheme.name.toLowerCase()
          : scheme.name
        : undefined,
    scheme: type === 'http' && typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined,
    openIdConnectUrl: type === 'openidconnect' ? scheme.openIdConnectUrl : undefined,
    flows:
      type === 'oauth2' && flows !== undefined
        ? Object.keys(flows)
            .sort()
            .map((flow) => {
              const f = run.object(side, flows[flow]) ?? {}
              return [flow, f.authorizationUrl, f.tokenUrl]
            })
        : undefined,
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

function describe(alternative: Alternative, names: Map<string, string>): string {
  if (alternative.size === 0) return 'no authentication'
  return [...alternative]
    .map(
      ([scheme, scopes]) =>
        `\`${names.get(scheme) ?? scheme}\`${scopes.size > 0 ? ` with scopes ${[...scopes].join(', ')}` : ''}`,
    )
    .join(' and ')
}
