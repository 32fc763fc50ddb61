import type { JsonSchema } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'

/** A head schema with a name, so ledger entries and migrations can target it wherever it appears. */
export interface NamedSchema<T = unknown> {
  readonly name: string
  /** JSON Schema 2020-12; embed this object in route schemas (it keeps its identity). */
  readonly schema: JsonSchema
  /** Type-level only: the shape of head objects of this schema. */
  readonly _type?: T
}

const names = new WeakMap<object, string>()
const byName = new Map<string, JsonSchema>()

interface _ZodLike {
  readonly _zod: unknown
  toJSONSchema(options?: { target?: string; unrepresentable?: string }): JsonSchema
}
const isZod = (value: unknown): value is _ZodLike =>
  typeof value === 'object' &&
  value !== null &&
  '_zod' in value &&
  typeof (value as _ZodLike).toJSONSchema === 'function'

function _plain(value: unknown): unknown {
  // TypeBox tags schemas with symbol keys; JSON round-tripping would also drop named identity,
  // so copy recursively while keeping already-registered named schemas as they are.
  if (Array.isArray(value)) return value.map(_plain)
  if (typeof value !== 'object' || value === null) return value
  if (names.has(value)) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, _plain(v)]))
}

function _inlineDefs(schema: JsonSchema): JsonSchema {
  const defs = (schema.$defs ?? {}) as Record<string, JsonSchema>
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit)
    if (typeof node !== 'object' || node === null) return node
    if (names.has(node)) return node
    const ref = (node as JsonSchema).$ref
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const name = ref.slice('#/$defs/'.length)
      const known = byName.get(name)
      if (known !== undefined) return known
      const def = defs[name]
      if (def !== undefined) return _register(name, visit(def) as JsonSchema)
    }
    const { $defs: _, $schema: __, ...rest } = node as JsonSchema
    return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, visit(v)]))
  }
  return visit(schema) as JsonSchema
}

function _register(name: string, schema: JsonSchema): JsonSchema {
  names.set(schema, name)
  byName.set(name, schema)
  return schema
}

/**
 * Converts a head schema given as zod 4, TypeBox or plain JSON Schema into JSON Schema 2020-12.
 * Named schemas nested inside keep their identity (zod `.meta({ id })` included).
 *
 * @example
 * toJsonSchema(z.object({ id: z.number() })) // { type: 'object', properties: { id: { type: 'number' } }, ... }
 */
export function toJsonSchema(input: unknown): JsonSchema {
  if (isZod(input)) return _inlineDefs(input.toJSONSchema({ target: 'draft-2020-12', unrepresentable: 'any' }))
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    return _inlineDefs(_plain(input) as JsonSchema)
  }
  throw new StrataError(
    'STRATA_ERR_SCHEMA_UNSUPPORTED',
    `A head schema must be a zod 4 schema, a TypeBox schema or a JSON Schema object; got ${Array.isArray(input) ? 'an array' : typeof input}.`,
  )
}

/** A zod 4 schema, as far as types go: its output type is the head shape. */
interface _ZodTyped<T> {
  readonly _zod: { readonly output: T }
}

/** A TypeBox schema, as far as types go: its static type is the head shape. */
interface _TypeBoxTyped<T> {
  readonly static: T
}

/** A plain JSON Schema object: its shape is not known to TypeScript (give it as `defineSchema<Shape>`). */
type _PlainJsonSchema = { readonly _zod?: never; readonly static?: never; readonly [key: string]: unknown }

/** The head shape a schema input describes: zod's output, TypeBox's static type, `unknown` for JSON Schema. */
export type SchemaShape<S> = S extends _ZodTyped<infer O> ? O : S extends _TypeBoxTyped<infer T> ? T : unknown

/**
 * Names a head schema so the change ledger can target it. Embed `.schema` in route schemas and
 * in other schemas; the name follows it everywhere it appears. The shape of a zod or TypeBox schema is
 * inferred; a JSON Schema object's shape is given as the type argument (`unknown` without one), and a
 * type argument given with a zod or TypeBox schema must be the shape that schema describes.
 *
 * @example
 * export const Asset = defineSchema('Asset', Type.Object({ id: Type.Integer(), title: Type.String() }))
 * // Asset: NamedSchema<{ id: number; title: string }>
 * app.get('/assets/:id', { schema: { response: { 200: Asset.schema } } }, handler)
 */
export function defineSchema<S extends _ZodTyped<unknown> | _TypeBoxTyped<unknown>>(
  name: string,
  input: S,
): NamedSchema<SchemaShape<S>>
export function defineSchema<T = unknown>(
  name: string,
  input: _ZodTyped<T> | _TypeBoxTyped<T> | _PlainJsonSchema,
): NamedSchema<T>
export function defineSchema(name: string, input: unknown): NamedSchema {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
    throw new StrataError(
      'STRATA_ERR_SCHEMA_INVALID_NAME',
      `Schema name '${name}' must start with a letter or underscore and hold only letters, digits, '_', '.' and '-'.`,
    )
  }
  const schema = toJsonSchema(input)
  // A schema object already named elsewhere is copied, so each name keeps its own object.
  const registered = _register(name, names.has(schema) ? { ...schema } : schema)
  return { name, schema: registered }
}

/** The name of a registered head schema object, or `undefined` for an anonymous one. */
export function schemaNameOf(schema: unknown): string | undefined {
  return typeof schema === 'object' && schema !== null ? names.get(schema) : undefined
}

/** The registered head schema of a name. */
export function schemaByName(name: string): JsonSchema | undefined {
  return byName.get(name)
}
