import type { JsonObject } from '../load/json-pointer.ts'
import type { DiffRun } from './diff-run.ts'
import { jsonKey } from './json-equal.ts'

const lowerBounds = ['minimum', 'minLength', 'minItems', 'minProperties'] as const
const upperBounds = ['maximum', 'maxLength', 'maxItems', 'maxProperties'] as const

/**
 * The schema a value must satisfy once its `allOf` members are folded in: the tighter of each
 * limit, the common enum values and types, additional properties refused when any member refuses
 * them, and `items` that must satisfy every member's. A constraint that an `allOf` member adds
 * (`allOf: [Pet, { properties: { name: { maxLength: 3 } } }]`) is then compared like one written
 * in place. `allOf` and properties stay as they are: properties are merged by the object view.
 *
 * @example
 * effectiveSchema(run, 'new', { allOf: [{ type: 'integer', maximum: 10 }, { maximum: 5 }] }) // { type: 'integer', maximum: 5, allOf: [...] }
 */
export function effectiveSchema(run: DiffRun, side: 'old' | 'new', schema: JsonObject): JsonObject {
  return fold(run, side, schema, new Set())
}

function fold(run: DiffRun, side: 'old' | 'new', schema: JsonObject, seen: Set<JsonObject>): JsonObject {
  if (!Array.isArray(schema.allOf) || seen.has(schema)) return schema
  seen.add(schema)
  let out: JsonObject = { ...schema }
  for (const member of schema.allOf) {
    const resolved = run.object(side, member)
    if (resolved !== undefined) out = merge(out, fold(run, side, resolved, seen))
  }
  seen.delete(schema)
  return out
}

function merge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a }
  for (const key of lowerBounds) pick(out, key, a[key], b[key], Math.max)
  for (const key of upperBounds) pick(out, key, a[key], b[key], Math.min)
  // 3.1 numeric exclusive bounds; 3.0 booleans stay with the bound they qualify.
  if (typeof b.exclusiveMinimum === 'number')
    pick(out, 'exclusiveMinimum', a.exclusiveMinimum, b.exclusiveMinimum, Math.max)
  if (typeof b.exclusiveMaximum === 'number')
    pick(out, 'exclusiveMaximum', a.exclusiveMaximum, b.exclusiveMaximum, Math.min)
  if (Array.isArray(b.enum)) {
    out.enum = Array.isArray(a.enum)
      ? a.enum.filter((v) => (b.enum as unknown[]).some((w) => jsonKey(v) === jsonKey(w)))
      : b.enum
  }
  for (const key of ['const', 'pattern', 'format', 'multipleOf'] as const) {
    if (out[key] === undefined && b[key] !== undefined) out[key] = b[key]
  }
  if (b.type !== undefined) {
    if (a.type === undefined) out.type = b.type
    else {
      const list = (t: unknown) => (Array.isArray(t) ? t : [t])
      const common = list(a.type).filter((t) => list(b.type).includes(t))
      out.type = common.length === 1 ? common[0] : common
    }
    // 3.0: a typed member without `nullable` refuses null.
    if (a.type !== undefined && (a.nullable !== true || b.nullable !== true)) delete out.nullable
    else if (b.nullable === true && a.type === undefined) out.nullable = true
  }
  if (b.additionalProperties === false || a.additionalProperties === false) out.additionalProperties = false
  else if (out.additionalProperties === undefined && b.additionalProperties !== undefined) {
    out.additionalProperties = b.additionalProperties
  }
  if (b.items !== undefined) out.items = a.items === undefined ? b.items : { allOf: [a.items, b.items] }
  if (Array.isArray(b.required))
    out.required = [...new Set([...(Array.isArray(a.required) ? a.required : []), ...b.required])]
  return out
}

function pick(out: JsonObject, key: string, a: unknown, b: unknown, tighter: (x: number, y: number) => number) {
  if (typeof b !== 'number') return
  out[key] = typeof a === 'number' ? tighter(a, b) : b
}

/** Whether a schema folds anything in: it has `allOf` members. */
export const hasAllOf = (schema: JsonObject): boolean => Array.isArray(schema.allOf) && schema.allOf.length > 0
