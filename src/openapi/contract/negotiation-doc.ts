import type { Api } from '../../api/index.ts'
import type { JsonSchema } from '../../change/index.ts'
import type { ConventionsDoc } from './conventions-doc.ts'

/** How one version's contract documents version negotiation and the version response headers. */
export interface NegotiationDoc {
  /** `components/parameters` entries. */
  readonly parameters: Record<string, JsonSchema>
  /** `components/headers` entries (response headers). */
  readonly headers: Record<string, JsonSchema>
  /** `$ref`s every operation lists in `parameters`. */
  readonly operationParameters: readonly JsonSchema[]
  /** Header name -> `$ref`, for every response of every operation. */
  readonly responseHeaders: Readonly<Record<string, JsonSchema>>
  /** Sentences for `info.description`. */
  readonly description: string
}

const _componentKey = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_')

/**
 * Documents how a client selects this version (the header or query parameter of each version
 * source, the default, the beta suffix) and the headers the server answers with.
 *
 * @example
 * const doc = describeNegotiation(api, undefined, '20240601')
 */
export function describeNegotiation(
  api: Api,
  scope: string | undefined,
  label: string,
  conventions?: ConventionsDoc,
): NegotiationDoc {
  const negotiation = api.negotiationOf(scope)
  const versions = api.versionsOf(scope)
  const suffix = negotiation.beta?.suffix ?? '-beta'
  const fallback = negotiation.default ?? 'latest'
  const omitted =
    fallback === 'reject'
      ? 'A request without a version is refused.'
      : fallback === 'latest'
        ? 'Without a version, the newest generally available version is used.'
        : fallback === 'oldest'
          ? 'Without a version, the oldest supported version is used.'
          : `Without a version, ${fallback.version} is used.`
  const calendar = versions.scheme.kind === 'calendar' && (negotiation.match ?? 'on-or-before') === 'on-or-before'
  const resolve = calendar
    ? ' A date selects the newest version released on or before it.'
    : ` Versions are ${versions.scheme.expected}.`
  const beta = versions.versions.some((v) => v.channel === 'beta') ? ` Append \`${suffix}\` for the beta channel.` : ''
  const selects = `Send \`${label}\` to use this version.${resolve}${beta} ${omitted}`

  const parameters: Record<string, JsonSchema> = {}
  const ways: string[] = []
  for (const source of negotiation.sources) {
    const header = /^header (.+)$/.exec(source.label)?.[1]
    const query = /^query parameter (.+)$/.exec(source.label)?.[1]
    const name = header ?? query
    if (name === undefined) {
      ways.push(`${source.label} (${source.hint(label)})`)
      continue
    }
    ways.push(`the ${header !== undefined ? 'header' : 'query parameter'} \`${name}\``)
    parameters[_componentKey(`version-${name}`)] = {
      name,
      in: header !== undefined ? 'header' : 'query',
      required: fallback === 'reject' && negotiation.sources.length === 1,
      description: `The API version. ${selects}`,
      schema: { type: 'string', examples: [label] },
    }
  }

  const headers: Record<string, JsonSchema> = {}
  const responseHeaders: Record<string, JsonSchema> = {}
  const add = (name: string, description: string, schema: JsonSchema, required = false): void => {
    const key = _componentKey(name)
    headers[key] = { description, ...(required ? { required: true } : {}), schema }
    responseHeaders[name] = { $ref: `#/components/headers/${key}` }
  }
  const text = { type: 'string' }
  add(
    'X-Request-Id',
    "The id of this exchange: the request's own well-formed `X-Request-Id`, else a new UUIDv7.",
    text,
    true,
  )
  const { used, supported, usedOnRefusal } = api.headerOptions
  // The used version is named on refusals only when the API says so; a refused request has none otherwise.
  if (used !== false)
    add(used ?? 'X-API-Version-Used', 'The API version that served the request.', text, usedOnRefusal === 'latest')
  if (supported !== false)
    add(supported ?? 'X-API-Versions-Supported', 'The versions currently supported, comma-separated.', text, true)
  for (const [name, value] of Object.entries(api.headerOptions.fixed ?? {}))
    add(name, 'Sent on every response.', { type: 'string', const: value }, true)
  // Declared on every version, so contracts of adjacent versions differ only where the API does.
  const { deprecationFormat, sunsetFormat } = api.lifecycleOptions
  if (deprecationFormat === 'boolean')
    add('Deprecation', '`true` once this version is deprecated; absent before.', { type: 'string', const: 'true' })
  else
    add(
      'Deprecation',
      'When this version is (or will be) deprecated, as an RFC 9745 date (`@<seconds>`); absent while none is announced.',
      { type: 'string', pattern: '^@-?[0-9]+$' },
    )
  if (sunsetFormat === 'rfc3339')
    add('Sunset', 'When this version stops being served, as an RFC 3339 timestamp; absent while none is announced.', {
      type: 'string',
      format: 'date-time',
    })
  else
    add(
      'Sunset',
      'When this version stops being served, as an RFC 8594 HTTP-date; absent while none is announced.',
      text,
    )
  add('Link', 'Links to the deprecation notice, the sunset policy and the successor version.', text)
  for (const [name, header] of Object.entries(conventions?.responseHeaders ?? {})) {
    add(name, header.description, header.schema, header.required === true)
  }
  return {
    parameters,
    headers,
    operationParameters: Object.keys(parameters).map((k) => ({ $ref: `#/components/parameters/${k}` })),
    responseHeaders,
    description: ways.length === 0 ? selects : `Choose the version with ${ways.join(', or ')}. ${selects}`,
  }
}
