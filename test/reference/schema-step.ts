import type { FieldInstruction, Instruction, JsonSchema } from '../../src/change/instruction.ts'

// The reference interpreter's schema side: named schemas are kept as separate shapes, referred to by
// `{ $ref: '#/$defs/<name>' }`, and each version's shapes are derived from the newer version's by
// applying that version's field instructions as src/change/README.md documents them. Written apart
// from src/migrate on purpose: nothing here may be shared with the compiler.

/** Every named schema's shape at one version, by name; nested named schemas are `$ref`s. */
export type Shapes = ReadonlyMap<string, JsonSchema>

type Mutable = Record<string, unknown>

/** The reference to a named schema inside a shape. */
export const refOf = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` })

/** The named schema a node refers to, if it is a `#/$defs/<name>` reference. */
export function refNameOf(node: unknown): string | undefined {
  const ref = (node as JsonSchema | undefined)?.$ref
  return typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined
}

export const isFieldInstruction = (i: Instruction): i is FieldInstruction => 'schema' in i && 'path' in i

/**
 * Copies a head schema, replacing every embedded named schema object (by identity, as `defineSchema`
 * hands them out) with a reference; `root` itself stays inline.
 */
export function normalize(root: JsonSchema, nameOf: ReadonlyMap<object, string>): JsonSchema {
  const visit = (node: unknown, isRoot: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, false))
    if (typeof node !== 'object' || node === null) return node
    const name = isRoot ? undefined : nameOf.get(node)
    if (name !== undefined) return refOf(name)
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v, false)]))
  }
  return visit(root, true) as JsonSchema
}

/** The object schema holding the last segment of `path` (`a`, `a.b`, `a[].b`), and that segment. */
export function parentOf(shape: JsonSchema, path: string): { parent: Mutable; field: string } {
  const segments = path.split('.')
  let node = shape as Mutable
  for (const segment of segments.slice(0, -1)) {
    const many = segment.endsWith('[]')
    const key = many ? segment.slice(0, -2) : segment
    let child = (node.properties as Record<string, Mutable> | undefined)?.[key]
    if (many) child = child?.items as Mutable | undefined
    // ASSUMPTION (README: "Paths reach nested objects and arrays of objects"): a path crosses inline
    // object schemas and `items` only, never a named schema, a union or a map.
    if (child === undefined || typeof child.properties !== 'object') {
      throw new Error(`reference: path ${path} does not cross an inline object at '${segment}'`)
    }
    node = child
  }
  return { parent: node, field: segments.at(-1)! }
}

function _apply(shape: JsonSchema, ins: FieldInstruction): void {
  const { parent, field } = parentOf(shape, ins.path)
  const props = (parent.properties ?? {}) as Record<string, Mutable>
  const required = Array.isArray(parent.required) ? (parent.required as string[]) : []
  const has = Object.hasOwn(props, field)
  const unfit = (why: string) => new Error(`reference: ${ins.kind} on ${ins.schema}.${ins.path} does not fit: ${why}`)
  const setRequired = (list: string[]) => {
    if (list.length > 0) parent.required = list
    else delete parent.required
  }
  if (ins.kind !== 'field-removed' && !has) throw unfit('no such field at this version')
  switch (ins.kind) {
    case 'field-added':
      delete props[field]
      setRequired(required.filter((r) => r !== field))
      return
    case 'field-removed':
      if (has) throw unfit('the newer version still has the field')
      props[field] = structuredClone(ins.was) as Mutable
      if (ins.required) setRequired([...required, field])
      return
    case 'field-renamed': {
      if (Object.hasOwn(props, ins.from)) throw unfit(`'${ins.from}' is taken`)
      parent.properties = Object.fromEntries(Object.entries(props).map(([k, v]) => [k === field ? ins.from : k, v]))
      setRequired(required.map((r) => (r === field ? ins.from : r)))
      return
    }
    case 'field-type-changed':
      props[field] = structuredClone(ins.was) as Mutable
      return
    case 'field-made-required':
      if (!required.includes(field)) throw unfit('not required in the newer version')
      setRequired(required.filter((r) => r !== field))
      return
    case 'field-made-optional':
      if (required.includes(field)) throw unfit('still required in the newer version')
      setRequired([...required, field])
      return
    case 'field-default-changed':
      props[field] = { ...props[field], default: ins.from }
      return
    case 'enum-value-added':
    case 'enum-value-removed': {
      // ASSUMPTION: an enum is the `enum` keyword of the field's own schema (the anyOf-of-consts
      // spelling of TypeBox and zod is not modelled here).
      const values = props[field]!.enum
      if (!Array.isArray(values)) throw unfit('no enum')
      const present = values.includes(ins.value)
      if (ins.kind === 'enum-value-added') {
        if (!present) throw unfit('the newer enum lacks the value')
        props[field] = { ...props[field], enum: values.filter((v) => v !== ins.value) }
      } else {
        if (present) throw unfit('the newer enum still has the value')
        props[field] = { ...props[field], enum: [...values, ins.value] }
      }
      return
    }
  }
}

/**
 * The shapes of the version before the one whose instructions are given. Instructions naming a
 * schema that is not among `shapes` belong to other routes and are ignored.
 */
export function olderShapes(shapes: Shapes, instructions: readonly Instruction[]): Map<string, JsonSchema> {
  const older = new Map(shapes)
  const copied = new Set<string>()
  for (const ins of instructions) {
    if (!isFieldInstruction(ins) || !shapes.has(ins.schema)) continue
    if (!copied.has(ins.schema)) {
      older.set(ins.schema, structuredClone(shapes.get(ins.schema)!))
      copied.add(ins.schema)
    }
    // ASSUMPTION: instructions of one version apply in the order they are declared.
    _apply(older.get(ins.schema)!, ins)
  }
  return older
}
