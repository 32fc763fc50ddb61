import type { FieldInstruction, JsonSchema, SchemaMigration } from '../../src/change/instruction.ts'
import { refNameOf, type Shapes } from './schema-step.ts'

// The reference interpreter's value side: converts a value across ONE version step by walking it
// along the schema of the version it is at, applying the step's instructions wherever a named schema
// they target appears.

type Obj = Record<string, unknown>

/** What one version step (between index i - 1 and i) needs to convert a value. */
export interface ValueStep {
  readonly direction: 'request' | 'response'
  /** The shapes of the version the value is at: i - 1 for requests, i for responses. */
  readonly shapes: Shapes
  /** The step's field instructions, by schema name, in declaration order. */
  readonly fields: ReadonlyMap<string, readonly FieldInstruction[]>
  readonly customs: ReadonlyMap<string, readonly SchemaMigration[]>
  /** `$defs` of the route's own root that are not named schemas. */
  readonly localDefs: Readonly<Record<string, JsonSchema>>
  /** The first branch whose schema, at the version the value is at, validates the value. */
  readonly pickBranch: (branches: readonly JsonSchema[], value: unknown) => JsonSchema | undefined
  /** Called with every object and the schema node describing it, before its members are walked. */
  readonly visitObject?: (value: Obj, node: JsonSchema) => void
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const absent = (o: Obj, f: string): boolean => o[f] === undefined

/** Calls `fn` with every object that holds the last segment of `path` inside `value`. */
function _parents(value: unknown, path: string, fn: (parent: Obj, field: string) => void): void {
  const segments = path.split('.')
  let level: unknown[] = [value]
  for (const segment of segments.slice(0, -1)) {
    const many = segment.endsWith('[]')
    const key = many ? segment.slice(0, -2) : segment
    const next: unknown[] = []
    for (const v of level) {
      if (!isObject(v)) continue
      const child = v[key]
      if (many) {
        if (Array.isArray(child)) next.push(...child)
      } else next.push(child)
    }
    level = next
  }
  for (const v of level) if (isObject(v)) fn(v, segments.at(-1)!)
}

/** Request: the older object becomes the newer one (README table, left column). */
function _up(o: Obj, f: string, ins: FieldInstruction): void {
  switch (ins.kind) {
    case 'field-added':
      if (absent(o, f) && ins.default !== undefined) o[f] = structuredClone(ins.default.value)
      return
    case 'field-removed':
      // "dropped (old clients may still send it)"
      delete o[f]
      return
    case 'field-renamed':
      if (!absent(o, ins.from)) o[f] = o[ins.from]
      delete o[ins.from]
      return
    case 'field-type-changed':
      if (!absent(o, f)) o[f] = ins.up(o[f])
      return
    case 'field-made-required':
      if (absent(o, f)) o[f] = structuredClone(ins.default.value)
      return
    case 'field-default-changed':
      // "the old default is sent explicitly"
      if (absent(o, f)) o[f] = structuredClone(ins.from)
      return
    case 'enum-value-removed':
      if (o[f] === ins.value) o[f] = structuredClone(ins.mapTo)
      return
    default:
      return
  }
}

/** Response: the newer object becomes the older one (README table, right column). */
function _down(o: Obj, f: string, ins: FieldInstruction): void {
  switch (ins.kind) {
    case 'field-added':
      delete o[f]
      return
    case 'field-removed':
      // ASSUMPTION: with no `default` an old client does not get the field (unless a custom migration fills it).
      if (absent(o, f) && ins.default !== undefined) o[f] = structuredClone(ins.default.value)
      return
    case 'field-renamed':
      if (!absent(o, f)) o[ins.from] = o[f]
      delete o[f]
      return
    case 'field-type-changed':
      if (!absent(o, f)) o[f] = ins.down(o[f])
      return
    case 'field-made-optional':
      if (absent(o, f)) o[f] = structuredClone(ins.default.value)
      return
    case 'enum-value-added':
      if (o[f] === ins.value) o[f] = structuredClone(ins.fallback)
      return
    default:
      return
  }
}

function _named(name: string, value: unknown, step: ValueStep): unknown {
  const shape = step.shapes.get(name)
  if (shape === undefined) return value
  let v = value
  // ASSUMPTION: a custom migration sees the object as it arrives at the step (nested named objects
  // not yet converted) and runs before the step's declarative instructions, in both directions; it
  // runs only on objects (a named schema position holding null or a list is not its business).
  for (const custom of step.customs.get(name) ?? []) {
    const fn = step.direction === 'request' ? custom.request : custom.response
    if (fn !== undefined && isObject(v)) v = structuredClone(fn(v))
  }
  v = walk(v, shape, step)
  if (!isObject(v)) return v
  const fields = step.fields.get(name) ?? []
  // Requests undo the older shape's derivation, so they take the instructions in reverse order.
  const ordered = step.direction === 'request' ? [...fields].reverse() : fields
  for (const ins of ordered) {
    _parents(v, ins.path, (parent, field) => (step.direction === 'request' ? _up : _down)(parent, field, ins))
  }
  return v
}

/**
 * Converts `value` (already a private copy: it is changed in place where possible) across one
 * version step, following every subschema position of `node`.
 */
export function walk(value: unknown, node: unknown, step: ValueStep): unknown {
  if (typeof node !== 'object' || node === null) return value
  const schema = node as JsonSchema
  let v = value
  const name = refNameOf(schema)
  if (name !== undefined) {
    if (step.shapes.has(name)) return _named(name, v, step)
    const local = step.localDefs[name]
    if (local !== undefined) v = walk(v, local, step)
  }
  // ASSUMPTION: every branch of `allOf` describes the same value, so each converts it in turn.
  for (const branch of (schema.allOf as JsonSchema[] | undefined) ?? []) v = walk(v, branch, step)
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key] as JsonSchema[] | undefined
    if (branches === undefined) continue
    // ASSUMPTION: the first branch that validates wins (a oneOf value validates exactly one); a value
    // no branch validates is left as it is.
    const branch = step.pickBranch(branches, v)
    if (branch !== undefined) v = walk(v, branch, step)
  }
  if (isObject(v)) {
    step.visitObject?.(v, schema)
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>
    const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>).map(
      ([p, s]) => [new RegExp(p, 'u'), s] as const,
    )
    const extra = schema.additionalProperties
    for (const key of Object.keys(v)) {
      if (Object.hasOwn(props, key)) {
        v[key] = walk(v[key], props[key], step)
        continue
      }
      const matching = patterns.filter(([re]) => re.test(key))
      for (const [, s] of matching) v[key] = walk(v[key], s, step)
      if (matching.length === 0 && typeof extra === 'object') v[key] = walk(v[key], extra, step)
    }
  }
  if (Array.isArray(v)) {
    const prefix = (schema.prefixItems ?? []) as JsonSchema[]
    const items = schema.items
    for (let i = 0; i < v.length; i++) {
      if (i < prefix.length) v[i] = walk(v[i], prefix[i], step)
      else if (typeof items === 'object') v[i] = walk(v[i], items, step)
    }
  }
  return v
}
