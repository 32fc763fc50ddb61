import type { JsonSchema } from '../../change/index.ts'
import { planRoute, type RoutePlan } from '../../migrate/index.ts'
import type { ApiVersion, Phase, VersionChannel } from '../../version/index.ts'
import { buildOperation } from './build-operation.ts'
import { ComponentSchemas } from './component-schemas.ts'
import type { ContractRoute, ContractSource } from './contract-source.ts'
import { describeErrors, type ErrorEnvelope } from './error-envelope.ts'
import { describeNegotiation } from './negotiation-doc.ts'
import { toOpenApi30 } from './openapi-30.ts'

/** Options of {@link generateContracts}. */
export interface ContractOptions {
  /** The instant lifecycle phases are read at; pass a fixed one for reproducible output. */
  readonly now: Date
  /** `3.1` (default) or `3.0`. */
  readonly openapi?: '3.1' | '3.0'
  /** `published` (default): released and not sunset at `now`; `released`: sunset ones too. */
  readonly include?: 'published' | 'released'
}

/** One version's OpenAPI document. */
export interface Contract {
  /** The version scope, `undefined` for the API-wide one. */
  readonly scope: string | undefined
  readonly version: ApiVersion
  /** The id clients send, with the beta suffix on beta versions (`20230203-beta`). */
  readonly label: string
  readonly channel: VersionChannel
  readonly phase: Phase | 'unreleased'
  readonly document: JsonSchema
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const day = (d: Date | undefined): string | undefined => d?.toISOString().slice(0, 10)
const sorted = <T>(entries: [string, T][]): [string, T][] => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

function _errorResponses(errors: ErrorEnvelope, headers: Readonly<Record<string, JsonSchema>>): JsonSchema {
  const content = Object.fromEntries(
    [...errors.media].map(([type, { name }]) => [type, { schema: { $ref: `#/components/schemas/${name}` } }]),
  )
  return {
    ClientError: { description: 'Client error, in the error envelope of this version', headers, content },
    ServerError: { description: 'Server error, in the error envelope of this version', headers, content },
  }
}

function _document(
  source: ContractSource,
  scope: string | undefined,
  routes: readonly { route: ContractRoute; plan: RoutePlan }[],
  version: ApiVersion,
  options: ContractOptions,
): Contract {
  const { api } = source
  const versions = api.versionsOf(scope)
  const index = versions.indexOf(version)
  const phase = versions.phase(version, options.now)
  const suffix = api.negotiationOf(scope).beta?.suffix ?? '-beta'
  const label = version.channel === 'beta' ? `${version.id}${suffix}` : version.id
  const negotiation = describeNegotiation(api, scope, label, source.conventions)
  const errors = describeErrors(api, scope, index)
  const components = new ComponentSchemas()
  const sunset = day(version.sunset)
  const lifecycle = {
    deprecated: phase === 'deprecated' || phase === 'sunset',
    ...(sunset !== undefined ? { sunset } : {}),
  }
  const paths = new Map<string, Record<string, JsonSchema>>()
  for (const { route, plan } of routes) {
    const built = buildOperation({
      route,
      plan,
      versions: versions.versions,
      index,
      components,
      negotiation,
      errors,
      lifecycle,
      ...(source.conventions !== undefined ? { conventions: source.conventions } : {}),
    })
    if (built === undefined) continue
    const item = paths.get(built.path) ?? {}
    item[built.method] ??= built.operation
    paths.set(built.path, item)
  }
  const withdrawn = api.withdrawalOf(scope, version.id)
  const schemes = source.conventions?.securitySchemes ?? {}
  const security = Object.keys(schemes).length > 0 ? schemes : undefined
  const errorSchemas = Object.fromEntries([...errors.media.values()].map(({ name, schema }) => [name, schema]))
  const dates = { released: day(version.released), ga: day(version.ga), deprecated: day(version.deprecated), sunset }
  const lifecycleExt = {
    phase,
    channel: version.channel,
    ...Object.fromEntries(Object.entries(dates).filter(([, v]) => v !== undefined)),
  }
  const when = [
    version.deprecated && `Deprecated ${phase === 'deprecated' ? 'since' : 'from'} ${day(version.deprecated)}.`,
    sunset && `Sunset on ${sunset}: from then on requests for this version are refused.`,
  ].filter(Boolean)
  const errorText = `Errors are returned in the \`${api.errors.name}\` format (\`${[...errors.media.keys()][0]}\`); send \`Accept: application/problem+json\` for RFC 9457 problem details.`
  const document: Record<string, unknown> = {
    openapi: '3.1.0',
    info: {
      title: source.title ?? (scope === undefined ? 'API' : `API: ${scope}`),
      version: label,
      ...(version.description !== undefined ? { summary: version.description } : {}),
      description: [version.description, when.join(' '), negotiation.description, errorText]
        .filter((p) => p !== undefined && p !== '')
        .join('\n\n'),
      'x-lifecycle': lifecycleExt,
      ...(withdrawn !== undefined ? { 'x-withdrawn': withdrawn } : {}),
      ...(sunset !== undefined ? { 'x-sunset': sunset } : {}),
    },
    ...(version.docs !== undefined ? { externalDocs: { url: version.docs } } : {}),
    paths: Object.fromEntries(
      sorted([...paths]).map(([path, item]) => [
        path,
        Object.fromEntries(methods.filter((m) => item[m] !== undefined).map((m) => [m, item[m]])),
      ]),
    ),
    components: {
      schemas: Object.fromEntries(sorted(Object.entries({ ...components.toObject(), ...errorSchemas }))),
      responses: _errorResponses(errors, negotiation.responseHeaders),
      ...(Object.keys(negotiation.parameters).length > 0 ? { parameters: negotiation.parameters } : {}),
      ...(Object.keys(negotiation.headers).length > 0 ? { headers: negotiation.headers } : {}),
      ...(security !== undefined ? { securitySchemes: security } : {}),
    },
  }
  return {
    scope,
    version,
    label,
    channel: version.channel,
    phase,
    document: options.openapi === '3.0' ? toOpenApi30(document) : document,
  }
}

/**
 * Generates the OpenAPI document of every published version of every scope, from head routes and
 * the change ledger: each version's paths, parameters, bodies and statuses as its clients see
 * them, with lifecycle (`deprecated`, `x-lifecycle`, `x-sunset`), version negotiation, the error
 * envelope and pagination described.
 *
 * @example
 * for (const c of generateContracts(contractSourceOf(app), { now: new Date() }))
 *   await writeFile(`contracts/${c.scope ?? 'api'}/${c.label}.json`, stringifyContract(c.document))
 */
export function generateContracts(source: ContractSource, options: ContractOptions): Contract[] {
  const out: Contract[] = []
  for (const scope of [undefined, ...source.api.scopeNames]) {
    const versions = source.api.versionsOf(scope)
    const playground = source.api.negotiationOf(scope).playground ?? []
    const routes = source.routes
      .filter((r) => r.scope === scope && r.internal !== true && !playground.some((p) => r.spec.path.startsWith(p)))
      .map((route) => ({ route, plan: planRoute(route.spec, versions.versions) }))
    if (routes.length === 0) continue
    for (const version of versions.versions) {
      const phase = versions.phase(version, options.now)
      if (phase === 'unreleased' || (phase === 'sunset' && options.include !== 'released')) continue
      // A version withdrawn for security is no longer published, as if sunset.
      if (source.api.withdrawalOf(scope, version.id) !== undefined && options.include !== 'released') continue
      out.push(_document(source, scope, routes, version, options))
    }
  }
  return out
}
