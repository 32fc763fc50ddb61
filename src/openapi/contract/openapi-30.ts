import type { JsonSchema } from '../../change/index.ts'

// JSON Schema 2020-12 keywords that OpenAPI 3.0's schema object does not know; dropped.
const unsupported = new Set([
  '$schema',
  '$id',
  '$defs',
  '$comment',
  'prefixItems',
  'contains',
  'minContains',
  'maxContains',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentRequired',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
])

const isNullSchema = (s: unknown): boolean =>
  typeof s === 'object' && s !== null && (s as JsonSchema).type === 'null' && Object.keys(s).length === 1

/**
 * Rewrites one JSON Schema 2020-12 schema (OpenAPI 3.1) as an OpenAPI 3.0 schema object:
 * `type: [x, 'null']` and `anyOf [.., {type: 'null'}]` become `nullable`, `const` a one-value
 * `enum`, `examples` one `example`, numeric `exclusiveMinimum`/`exclusiveMaximum` the boolean form.
 *
 * @example
 * toSchema30({ type: ['string', 'null'] }) // { type: 'string', nullable: true }
 */
export function toSchema30(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (unsupported.has(key)) continue
    out[key] = _child(key, value)
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== 'null')
    if (types.length < schema.type.length) out.nullable = true
    if (types.length === 1) out.type = types[0]
    else {
      delete out.type
      out.anyOf = types.map((type) => ({ type }))
    }
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key]
    if (!Array.isArray(list) || !list.some(isNullSchema)) continue
    const rest = (out[key] as JsonSchema[]).filter((s) => !isNullSchema(s))
    out.nullable = true
    if (rest.length === 1 && Object.keys(out).length === 2) return { ...rest[0], nullable: true }
    if (rest.length === 1 && rest[0]!.$ref === undefined) {
      delete out[key]
      Object.assign(out, rest[0])
    } else out[key] = rest
  }
  if ('const' in schema) {
    out.enum = [schema.const]
    delete out.const
  }
  if (Array.isArray(schema.examples)) {
    if (schema.examples.length > 0) out.example = schema.examples[0]
    delete out.examples
  }
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof schema[exclusive] === 'number') {
      out[bound] = schema[exclusive]
      out[exclusive] = true
    }
  }
  return out
}

function _child(key: string, value: unknown): unknown {
  if (key === 'properties' && typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toSchema30(v as JsonSchema)]))
  }
  if ((key === 'items' || key === 'not' || key === 'additionalProperties') && typeof value === 'object') {
    return value === null ? value : toSchema30(value as JsonSchema)
  }
  if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
    return value.map((v) => toSchema30(v as JsonSchema))
  }
  return value
}

/**
 * Rewrites a generated OpenAPI 3.1 contract as OpenAPI 3.0.3: every schema through
 * {@link toSchema30}, parameter and header `examples` as `example`.
 *
 * @example
 * const doc30 = toOpenApi30(generateContract(source, { version: '20240601', now }).document)
 */
export function toOpenApi30(document: JsonSchema): JsonSchema {
  const visit = (node: unknown, parent: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, parent))
    if (typeof node !== 'object' || node === null) return node
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => {
        if (k === 'schema' && typeof v === 'object' && v !== null) return [k, toSchema30(v as JsonSchema)]
        if (parent === 'schemas' && typeof v === 'object' && v !== null) return [k, toSchema30(v as JsonSchema)]
        return [k, visit(v, k)]
      }),
    )
  }
  const converted = visit(document, undefined) as Record<string, unknown>
  const info = { ...(converted.info as Record<string, unknown>) }
  // OpenAPI 3.0 has no `info.summary`.
  delete info.summary
  return { ...converted, openapi: '3.0.3', info }
}
