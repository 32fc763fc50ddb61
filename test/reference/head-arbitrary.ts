import type { JsonSchema } from '../../src/change/instruction.ts'
import { defineSchema } from '../../src/schema/index.ts'
import { bool, type Draw, int, pick } from './value-arbitrary.ts'

// Random head schemas: named object schemas (each may embed the ones defined before it, so a named
// schema is reused in several places), nested inline objects, arrays, tuples, maps
// (`additionalProperties`, `patternProperties`), nullable (`anyOf`/`oneOf` with null), unions, `allOf`,
// and a route root that embeds named schemas by identity or as `$ref` into its own `$defs`.

/** A generated head: its named schemas by name and one route schema (body and 200 response). */
export interface HeadCase {
  readonly named: Readonly<Record<string, JsonSchema>>
  readonly root: JsonSchema
}

/** The field every named schema has and no generated change touches: it tells union branches apart. */
export const DISCRIMINATOR = 'kind'

/** Subschema positions a generated head may use; all of them unless a test narrows it. */
export const POSITIONS = [
  'object',
  'array',
  'map',
  'patternMap',
  'tuple',
  'allOf',
  'nullable',
  'union',
  '$ref',
] as const
export type Position = (typeof POSITIONS)[number]

let serial = 0

interface _Scope {
  readonly positions: ReadonlySet<Position>
  readonly refs: readonly { name: string; schema: JsonSchema }[]
  /** Whether `$ref` into the route root's `$defs` is allowed here (named schemas are inlined by defineSchema). */
  readonly rawRefs: Set<string> | undefined
}

function _ref(g: Draw, scope: _Scope): JsonSchema {
  const ref = pick(g, scope.refs)
  if (scope.rawRefs !== undefined && scope.positions.has('$ref') && bool(g)) {
    scope.rawRefs.add(ref.name)
    return { $ref: `#/$defs/${ref.name}` }
  }
  return ref.schema
}

function _object(g: Draw, depth: number, scope: _Scope, fields: number): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (let i = 0; i < fields; i++) {
    properties[`f${i}`] = typeOf(g, depth, scope, true)
    if (bool(g)) required.push(`f${i}`)
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
}

/** A field schema; `nullable` is false inside a nullable or union branch, so branches stay exclusive. */
function typeOf(g: Draw, depth: number, scope: _Scope, nullable: boolean): JsonSchema {
  const kinds = [
    'string',
    'integer',
    'boolean',
    'enum',
    ...(scope.refs.length > 0 ? ['ref', 'ref'] : []),
    ...(depth > 0 ? ['object', 'array', 'map', 'patternMap', 'tuple', 'allOf'] : []),
    ...(depth > 0 && nullable ? ['nullable', 'nullable', 'union'] : []),
  ].filter((k) => !(POSITIONS as readonly string[]).includes(k) || scope.positions.has(k as Position))
  const inner = () => typeOf(g, depth - 1, scope, true)
  switch (pick(g, kinds)) {
    case 'string':
      return { type: 'string' }
    case 'integer':
      return { type: 'integer' }
    case 'boolean':
      return { type: 'boolean' }
    case 'enum':
      return { type: 'string', enum: ['a', 'b', 'c'].slice(0, int(g, 2, 3)) }
    case 'ref':
      return _ref(g, scope)
    case 'object':
      return _object(g, depth - 1, scope, int(g, 1, 3))
    case 'array':
      return { type: 'array', items: inner() }
    case 'map':
      return { type: 'object', additionalProperties: inner() }
    case 'patternMap':
      return { type: 'object', patternProperties: { '^p_': inner() } }
    case 'tuple':
      return { type: 'array', prefixItems: [inner(), inner()], minItems: 2, maxItems: 2 }
    case 'allOf':
      return { allOf: [scope.refs.length > 0 && bool(g) ? _ref(g, scope) : _object(g, depth - 1, scope, 2)] }
    case 'nullable':
      return { [bool(g) ? 'oneOf' : 'anyOf']: [typeOf(g, depth - 1, scope, false), { type: 'null' }] }
    default: {
      // Two named objects (told apart by their discriminator), or an object or list and a string.
      const key = bool(g) ? 'oneOf' : 'anyOf'
      if (scope.refs.length >= 2 && bool(g)) {
        const a = int(g, 0, scope.refs.length - 1)
        const b = (a + int(g, 1, scope.refs.length - 1)) % scope.refs.length
        return { [key]: [scope.refs[a]!.schema, scope.refs[b]!.schema] }
      }
      const first = scope.refs.length > 0 && bool(g) ? _ref(g, scope) : { type: 'array', items: inner() }
      return { [key]: [first, { type: 'string' }] }
    }
  }
}

/**
 * Draws a head: one to three named schemas and a route schema that uses them.
 *
 * @example
 * fc.assert(fc.property(fc.gen(), (g) => { const head = headOf(g) }))
 */
export function headOf(g: Draw, positions: ReadonlySet<Position> = new Set(POSITIONS)): HeadCase {
  const refs: { name: string; schema: JsonSchema }[] = []
  const run = serial++
  for (let k = int(g, 1, 3); k > 0; k--) {
    const name = `S${run}_${refs.length}`
    const body = _object(g, 2, { positions, refs, rawRefs: undefined }, int(g, 1, 3))
    const properties = { [DISCRIMINATOR]: { type: 'string', const: name }, ...(body.properties as object) }
    const required = [DISCRIMINATOR, ...((body.required as string[] | undefined) ?? [])]
    refs.push({ name, schema: defineSchema(name, { type: 'object', properties, required }).schema })
  }
  const named = Object.fromEntries(refs.map((r) => [r.name, r.schema]))
  if (bool(g)) return { named, root: pick(g, refs).schema }
  const rawRefs = new Set<string>()
  const root = _object(g, 2, { positions, refs, rawRefs }, int(g, 1, 3))
  if (rawRefs.size === 0) return { named, root }
  return { named, root: { ...root, $defs: Object.fromEntries([...rawRefs].map((n) => [n, named[n]!])) } }
}
