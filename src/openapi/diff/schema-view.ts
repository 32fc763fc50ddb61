import { escapePointerToken, isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { DiffRun } from './diff-run.ts'

/** The JSON types a schema admits besides null; `undefined` means any type. */
export function typesOf(schema: JsonObject): Set<string> | undefined {
  const type = schema.type
  if (typeof type === 'string') return type === 'null' ? new Set() : new Set([type])
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string' && t !== 'null'))
  return undefined
}

/** Whether a schema admits null: 3.0 `nullable`, a 3.1 type array with "null", or `type: 'null'`. */
export function admitsNull(schema: JsonObject): boolean {
  if (schema.nullable === true) return true
  const type = schema.type
  if (type === 'null') return true
  if (Array.isArray(type) && type.includes('null')) return true
  return Array.isArray(schema.enum) && schema.enum.includes(null) && schema.enum.length === 1
}

/** Whether `outer` admits every type `inner` admits (an integer is a number). */
export function typesCover(outer: Set<string> | undefined, inner: Set<string> | undefined): boolean {
  if (outer === undefined) return true
  if (inner === undefined) return false
  for (const type of inner) {
    if (outer.has(type)) continue
    if (type === 'integer' && outer.has('number')) continue
    return false
  }
  return true
}

/** Whether a type set admits a kind of value (undefined admits everything). */
export function admitsKind(types: Set<string> | undefined, kind: 'number' | 'string' | 'array' | 'object'): boolean {
  if (types === undefined) return true
  if (kind === 'number') return types.has('number') || types.has('integer')
  return types.has(kind)
}

/** Formats a type set for messages, e.g. "`integer`" or "`string | number`". */
export function formatTypes(types: Set<string> | undefined, format?: unknown): string {
  const text = types === undefined ? 'any' : [...types].join(' | ') || 'null'
  return `\`${text}${typeof format === 'string' ? ` (${format})` : ''}\``
}

/**
 * Unwraps the 3.1 nullable idiom `anyOf/oneOf: [X, { type: 'null' }]` to X. Returns the keyword and
 * index of X when the schema is such a wrapper.
 */
export function nullWrapper(
  run: DiffRun,
  side: 'old' | 'new',
  schema: JsonObject,
): { keyword: string; index: number; inner: unknown } | undefined {
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const members = schema[keyword]
    if (!Array.isArray(members) || members.length !== 2) continue
    const nullIndex = members.findIndex((m) => {
      const resolved = run.object(side, m)
      return resolved !== undefined && resolved.type === 'null' && Object.keys(resolved).length <= 2
    })
    if (nullIndex === -1) continue
    const index = 1 - nullIndex
    return { keyword, index, inner: members[index] }
  }
  return undefined
}

/** A property as an object schema declares it, directly or through allOf. */
export interface PropertyEntry {
  readonly schema: unknown
  /** The absolute pointer of the property's schema. */
  readonly pointer: string
}

const synthetic = Symbol('merged declarations')
const isSynthetic = (schema: unknown): boolean => isJsonObject(schema) && synthetic in schema

/** The properties and required names of an object schema, merged through `allOf` (cycle-safe). */
export interface ObjectView {
  readonly properties: Map<string, PropertyEntry>
  readonly required: Set<string>
}

/** Builds the {@link ObjectView} of a schema whose pointer is `pointer`. */
export function objectView(run: DiffRun, side: 'old' | 'new', schema: JsonObject, pointer: string): ObjectView {
  const view: ObjectView = { properties: new Map(), required: new Set() }
  collect(run, side, schema, pointer, view, new Set())
  return view
}

function collect(
  run: DiffRun,
  side: 'old' | 'new',
  schema: JsonObject,
  pointer: string,
  view: ObjectView,
  seen: Set<JsonObject>,
) {
  if (seen.has(schema)) return
  seen.add(schema)
  const properties = schema.properties
  if (isJsonObject(properties)) {
    for (const [name, value] of Object.entries(properties)) {
      const first = view.properties.get(name)
      const at = `${pointer}/properties/${escapePointerToken(name)}`
      if (first === undefined) view.properties.set(name, { schema: value, pointer: at })
      else {
        // Declared again by another allOf member: the value must satisfy both declarations. The
        // members are referenced by their places, so what is found inside keeps a real pointer.
        const member = (entry: PropertyEntry) => (isSynthetic(entry.schema) ? entry.schema : { $ref: entry.pointer })
        view.properties.set(name, {
          schema: { allOf: [member(first), member({ schema: value, pointer: at })], [synthetic]: true },
          pointer: first.pointer,
        })
      }
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') view.required.add(name)
  }
  // A property every required-only branch lists is required whichever branch a value satisfies.
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = requiredAlternatives(run, side, schema, keyword)
    const [first, ...rest] = branches ?? []
    for (const name of first ?? []) if (rest.every((branch) => branch.has(name))) view.required.add(name)
  }
  if (!Array.isArray(schema.allOf)) return
  schema.allOf.forEach((member, index) => {
    const resolved = run.resolve(side, member)
    if (!isJsonObject(resolved.node)) return
    collect(run, side, resolved.node, resolved.ref ?? `${pointer}/allOf/${index}`, view, seen)
  })
}

/**
 * The `required` lists of an `anyOf`/`oneOf` whose every member lists only required properties
 * (`anyOf: [{ required: [id] }, { required: [owner, repo] }]`): a constraint on the object around
 * it, not a union of shapes. Undefined when the keyword is absent or a member has any other keyword.
 */
export function requiredAlternatives(
  run: DiffRun,
  side: 'old' | 'new',
  schema: JsonObject,
  keyword: 'anyOf' | 'oneOf',
): Array<Set<string>> | undefined {
  const members = schema[keyword]
  if (!Array.isArray(members) || members.length === 0) return undefined
  const out: Array<Set<string>> = []
  for (const member of members) {
    const resolved = run.object(side, member)
    if (resolved === undefined || !Array.isArray(resolved.required)) return undefined
    if (!Object.keys(resolved).every((key) => key === 'required' || annotations.has(key) || key.startsWith('x-')))
      return undefined
    out.push(new Set(resolved.required.filter((name): name is string => typeof name === 'string')))
  }
  return out
}

/** Keywords that only annotate a schema and never change what validates. */
const annotations = new Set([
  'title',
  'description',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  '$comment',
  'default',
  'discriminator',
])

/** Whether a schema only carries annotations (title, description, examples, `x-` extensions). */
export function isAnnotationOnly(schema: JsonObject): boolean {
  return Object.keys(schema).every((key) => annotations.has(key) || key.startsWith('x-'))
}
