import type { JsonSchema } from '../change/instruction.ts'
import { schemaNameOf } from '../schema/index.ts'

/** A reference to a named schema inside a normalized shape. */
export const refTo = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` })

/** The named schema a `$ref` points at, if it is one of ours. */
export function refName(schema: unknown): string | undefined {
  const ref = (schema as JsonSchema | undefined)?.$ref
  return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice(8) : undefined
}

/**
 * Normalizes a head schema: every nested named schema becomes `{$ref: '#/$defs/<name>'}` and is
 * collected (itself normalized) into `named`. The root stays inline unless `keepRootName`.
 *
 * @example
 * const named = new Map(); const root = normalizeSchema(routeSchema, named)
 */
export function normalizeSchema(schema: JsonSchema, named: Map<string, JsonSchema>, isRoot = true): JsonSchema {
  const name = isRoot ? undefined : schemaNameOf(schema)
  if (name !== undefined) {
    if (!named.has(name)) {
      named.set(name, {})
      named.set(name, normalizeSchema(schema, named, true))
    }
    return refTo(name)
  }
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (typeof node !== 'object' || node === null) return node
    return normalizeSchema(node as JsonSchema, named, false)
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, visit(v)]))
}

/** The declared properties of an object schema, or `undefined` when it declares none. */
export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined {
  const props = schema?.properties
  return typeof props === 'object' && props !== null ? (props as Record<string, JsonSchema>) : undefined
}

/** The schema of array items, when `schema` is an array schema with one items schema. */
export function itemsOf(schema: JsonSchema | undefined): JsonSchema | undefined {
  const items = schema?.items
  return typeof items === 'object' && items !== null && !Array.isArray(items) ? (items as JsonSchema) : undefined
}

/**
 * Inlines a normalized schema for validators and serializers: the root plus a `$defs` holding
 * every named shape it reaches at one version, and objects closed to unknown properties when
 * `closeObjects` (so a validator with `removeAdditional` drops them: MUST IGNORE).
 */
export function assembleSchema(
  root: JsonSchema,
  shapeOf: (name: string) => JsonSchema | undefined,
  closeObjects: boolean,
): JsonSchema {
  // Schema names may hold spaces, slashes and '?', so `$defs` keys are generated, not the names.
  const keys = new Map<string, string>()
  const defs: Record<string, unknown> = {}
  // Under anyOf / oneOf / allOf objects stay open: ajv's removeAdditional would strip the fields of
  // one branch while trying another, losing data the client sent.
  const close = (node: unknown, closing: boolean): unknown => {
    if (Array.isArray(node)) return node.map((x) => close(x, closing))
    if (typeof node !== 'object' || node === null) return node
    const obj = node as JsonSchema
    const name = refName(obj)
    if (name !== undefined) {
      const variant = closing ? name : `${name}\u0000open`
      let key = keys.get(variant)
      if (key === undefined) {
        key = `s${keys.size}`
        keys.set(variant, key)
        defs[key] = close(shapeOf(name) ?? {}, closing)
      }
      return { $ref: `#/$defs/${key}` }
    }
    const out = Object.fromEntries(
      Object.entries(obj).map(([k, v]) => [k, close(v, closing && k !== 'anyOf' && k !== 'oneOf' && k !== 'allOf')]),
    )
    const composed = 'anyOf' in obj || 'oneOf' in obj || 'allOf' in obj || 'patternProperties' in obj
    if (closing && closeObjects && propertiesOf(obj) !== undefined && !('additionalProperties' in obj) && !composed) {
      out.additionalProperties = false
    }
    return out
  }
  const assembled = close(root, true) as Record<string, unknown>
  return Object.keys(defs).length > 0 ? { ...assembled, $defs: defs } : assembled
}
