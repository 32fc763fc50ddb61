import fc from 'fast-check'
import type { JsonSchema } from '../../src/change/instruction.ts'
import { refNameOf } from './schema-step.ts'

// Values for the schemas the generators in this folder produce (a subset of JSON Schema 2020-12):
// valid ones, and ones with one random defect.

/** Draws from fast-check inside a property (`fc.gen()`); every choice shrinks towards its first option. */
export type Draw = fc.GeneratorValue

export const int = (g: Draw, min: number, max: number): number => g(fc.integer, { min, max })
export const bool = (g: Draw): boolean => g(fc.boolean)
export const pick = <T>(g: Draw, list: readonly T[]): T => list[int(g, 0, list.length - 1)]!

/**
 * A value valid against `node`, whose `$ref`s resolve in `defs` (the `$defs` of an assembled schema).
 *
 * @example
 * validValue(g, ref.schemaAt(root, 0), ref.schemaAt(root, 0).$defs)
 */
export function validValue(g: Draw, node: unknown, defs: Readonly<Record<string, unknown>>): unknown {
  if (typeof node !== 'object' || node === null) return null
  const s = node as JsonSchema
  const name = refNameOf(s)
  if (name !== undefined) return validValue(g, defs[name], defs)
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return validValue(g, s.allOf[0], defs)
  const union = (s.anyOf ?? s.oneOf) as unknown[] | undefined
  if (union !== undefined) return validValue(g, pick(g, union), defs)
  if ('const' in s) return s.const
  if (Array.isArray(s.enum)) return pick(g, s.enum)
  switch (s.type) {
    case 'null':
      return null
    case 'string':
      return pick(g, ['s', '', 'tt', 'yes'])
    case 'integer':
      return int(g, -3, 40)
    case 'boolean':
      return bool(g)
    case 'array': {
      const prefix = (s.prefixItems ?? []) as unknown[]
      if (prefix.length > 0) return prefix.map((p) => validValue(g, p, defs))
      return Array.from({ length: int(g, 0, 2) }, () => validValue(g, s.items, defs))
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = (s.required ?? []) as string[]
      for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
        if (required.includes(key) || bool(g)) out[key] = validValue(g, child, defs)
      }
      const pattern = Object.values((s.patternProperties ?? {}) as Record<string, unknown>)[0]
      if (pattern !== undefined) for (let i = int(g, 0, 2); i > 0; i--) out[`p_${i}`] = validValue(g, pattern, defs)
      if (typeof s.additionalProperties === 'object') {
        for (let i = int(g, 0, 2); i > 0; i--) out[`k${i}`] = validValue(g, s.additionalProperties, defs)
      }
      return out
    }
    default:
      return pick(g, ['any', 1])
  }
}

/** Every place in a value, as a path of keys and indexes (the root is `[]`). */
function _places(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at)
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) _places(v, [...at, i], out)
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) _places(v, [...at, k], out)
  }
  return out
}

/**
 * A copy of `value` with one defect at a random place: a value of another type, one of `pool` (enum
 * values of every version, so an old client may send a value only head knows), or a member deleted.
 */
export function mutate(g: Draw, value: unknown, pool: readonly unknown[]): unknown {
  const copy = structuredClone(value)
  const places = _places(copy)
  const place = pick(g, places)
  const replacement = pick(g, ['delete', 7, 'x', true, null, {}, [], ...pool])
  if (place.length === 0) return replacement === 'delete' ? {} : replacement
  let parent = copy as Record<string | number, unknown>
  for (const key of place.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const key = place.at(-1)!
  if (replacement === 'delete' && !Array.isArray(parent)) delete parent[key]
  else parent[key] = structuredClone(replacement)
  return copy
}
