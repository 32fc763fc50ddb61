import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { DiffRun, Direction } from './diff-run.ts'
import { jsonEqual } from './json-equal.ts'
import { accepts, finiteValues, type Verdict } from './schema-value.ts'
import { admitsNull, isAnnotationOnly, objectView, requiredAlternatives, typesCover, typesOf } from './schema-view.ts'

type Side = 'old' | 'new'

/** One question "does the outer schema accept every value the inner one does?", across the two documents. */
interface Cover {
  readonly run: DiffRun
  readonly outer: Side
  readonly inner: Side
  /** A request's old properties must live on; a response may return properties the old one did not declare. */
  readonly direction: Direction
  readonly inProgress: Set<string>
  budget: number
}

/**
 * Whether a change keeps what matters in its direction: a request schema still accepts every value
 * the old one accepted (it did not narrow), a response schema returns no value the old one could not
 * (it did not widen), and no property the old side declared is gone. Conservative: false whenever the
 * answer is not certain, so the caller falls back to comparing structure.
 *
 * @example
 * keepsValues(run, 'request', { enum: ['a', 'b'] }, { oneOf: [{ const: 'a' }, { const: 'b' }] }) // true
 */
export function keepsValues(run: DiffRun, direction: Direction, oldNode: unknown, newNode: unknown): boolean {
  const request = direction === 'request'
  const cover: Cover = {
    run,
    outer: request ? 'new' : 'old',
    inner: request ? 'old' : 'new',
    direction,
    inProgress: new Set(),
    budget: 4000,
  }
  return request ? covers(cover, newNode, oldNode, 0) : covers(cover, oldNode, newNode, 0)
}

/** Whether a change goes the other way too: a request now refuses values, or a response returns new ones. */
export function changesValues(run: DiffRun, direction: Direction, oldNode: unknown, newNode: unknown): boolean {
  return !keepsValues(run, direction === 'request' ? 'response' : 'request', oldNode, newNode)
}

function covers(c: Cover, outerNode: unknown, innerNode: unknown, depth: number): boolean {
  if (--c.budget < 0 || depth > 24) return false
  const [oldNode, newNode] = c.outer === 'old' ? [outerNode, innerNode] : [innerNode, outerNode]
  if (c.run.unchanged(oldNode, newNode)) return true
  const outer = c.run.resolve(c.outer, outerNode)
  const inner = c.run.resolve(c.inner, innerNode)
  // Recursive schemas: a pair already being compared holds unless something else fails.
  const key = outer.ref !== undefined && inner.ref !== undefined ? `${outer.ref}|${inner.ref}` : undefined
  if (key !== undefined) {
    if (c.inProgress.has(key)) return true
    c.inProgress.add(key)
  }
  const result = coversSchema(c, schemaOf(outer.node), schemaOf(inner.node), depth)
  if (key !== undefined) c.inProgress.delete(key)
  return result
}

function schemaOf(node: unknown): JsonObject {
  if (isJsonObject(node)) return node
  return node === false ? { not: {} } : {}
}

/** The alternatives of a union (oneOf/anyOf of shapes, not of required-only constraints). */
function unionOf(
  c: Cover,
  side: Side,
  schema: JsonObject,
): { keyword: 'oneOf' | 'anyOf'; members: unknown[] } | undefined {
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword]
    if (!Array.isArray(members) || requiredAlternatives(c.run, side, schema, keyword) !== undefined) continue
    return { keyword, members }
  }
  return undefined
}

function without(schema: JsonObject, keyword: string): JsonObject {
  const { [keyword]: _dropped, ...rest } = schema
  return rest
}

function coversSchema(c: Cover, outer: JsonObject, inner: JsonObject, depth: number): boolean {
  if (admitsNullAnywhere(c, c.inner, inner) && !admitsNullAnywhere(c, c.outer, outer)) return false
  const values = finiteValues(c.run, c.inner, inner)
  if (values !== undefined) return values.every((value) => accepts(c.run, c.outer, outer, value) === true)
  const innerUnion = unionOf(c, c.inner, inner)
  if (innerUnion !== undefined) {
    // Each inner value satisfies one member (and the rest of the inner schema): covering every member is enough.
    return innerUnion.members.every((member) => covers(c, outer, member, depth + 1))
  }
  const outerUnion = unionOf(c, c.outer, outer)
  if (outerUnion !== undefined) {
    const base = without(outer, outerUnion.keyword)
    if (!isAnnotationOnly(without(base, 'nullable')) && !coversSchema(c, base, inner, depth + 1)) return false
    // A response alternative of another shape is new to clients that switch over the known ones,
    // even when an open object would accept it.
    // Null was settled above, for the union as a whole.
    const value = nonNull(inner)
    const holders = outerUnion.members.filter(
      (member) => (c.direction === 'request' || sameShape(c, member, value)) && covers(c, member, value, depth + 1),
    )
    if (holders.length === 0) return false
    if (outerUnion.keyword === 'anyOf') return true
    // oneOf: a value matching two members is refused, so the others must exclude the inner values.
    return holders.length === 1 && outerUnion.members.every((m) => m === holders[0] || disjoint(c, m, value))
  }
  if (Array.isArray(inner.allOf) && inner.allOf.some((member) => covers(c, outer, member, depth + 1))) return true
  if (Array.isArray(outer.allOf) && !outer.allOf.every((member) => covers(c, member, inner, depth + 1))) return false
  return coversPlain(c, without(outer, 'allOf'), inner, depth)
}

/** The schema without what admits null (`nullable`, "null" in a type list). */
function nonNull(schema: JsonObject): JsonObject {
  const out = without(schema, 'nullable')
  if (Array.isArray(schema.type)) out.type = schema.type.filter((type) => type !== 'null')
  return out
}

/** Whether the inner schema declares no property the outer member lacks. */
function sameShape(c: Cover, member: unknown, inner: JsonObject): boolean {
  const outerView = objectView(c.run, c.outer, c.run.object(c.outer, member) ?? {}, '')
  const innerView = objectView(c.run, c.inner, inner, '')
  return [...innerView.properties.keys()].every((name) => outerView.properties.has(name))
}

function admitsNullAnywhere(c: Cover, side: Side, schema: JsonObject): boolean {
  if (admitsNull(schema)) return true
  const union = unionOf(c, side, schema)
  return union?.members.some((m) => admitsNullAnywhere(c, side, c.run.object(side, m) ?? {})) === true
}

/** Keywords a plain comparison understands; any other constraint on the outer side must be equal. */
const understood = new Set([
  'type',
  'nullable',
  'format',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'allOf',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'pattern',
])
const lowerBounds = ['minLength', 'minimum', 'minItems'] as const
const upperBounds = ['maxLength', 'maximum', 'maxItems'] as const

function coversPlain(c: Cover, outer: JsonObject, inner: JsonObject, depth: number): boolean {
  if (isAnnotationOnly(without(outer, 'nullable'))) return true
  for (const [keyword, value] of Object.entries(outer)) {
    if (understood.has(keyword) || keyword.startsWith('x-') || isAnnotationOnly({ [keyword]: value })) continue
    if (!jsonEqual(value, inner[keyword])) return false
  }
  const outerTypes = typesOf(outer)
  const innerTypes = typesOf(inner)
  if (!typesCover(outerTypes, innerTypes)) return false
  if (outer.format !== undefined && outer.format !== inner.format) return false
  const outerValues = finiteValues(c.run, c.outer, outer)
  if (outerValues !== undefined) return false // the inner side is not a finite set (checked before)
  if (outer.pattern !== undefined && outer.pattern !== inner.pattern) return false
  for (const keyword of lowerBounds) {
    const o = outer[keyword]
    const i = inner[keyword]
    if (typeof o === 'number' && !(typeof i === 'number' && i >= o)) return false
  }
  for (const keyword of upperBounds) {
    const o = outer[keyword]
    const i = inner[keyword]
    if (typeof o === 'number' && !(typeof i === 'number' && i <= o)) return false
  }
  if (outer.items !== undefined && !isAnnotationOnly(schemaOf(c.run.resolve(c.outer, outer.items).node))) {
    if (inner.items === undefined || !covers(c, outer.items, inner.items, depth + 1)) return false
  }
  return coversObject(c, outer, inner, depth)
}

function coversObject(c: Cover, outer: JsonObject, inner: JsonObject, depth: number): boolean {
  const outerView = objectView(c.run, c.outer, outer, '')
  const innerView = objectView(c.run, c.inner, inner, '')
  for (const name of outerView.required) if (!innerView.required.has(name)) return false
  const outerExtra = outer.additionalProperties
  const innerExtra = inner.additionalProperties
  for (const [name, entry] of innerView.properties) {
    const outerEntry = outerView.properties.get(name)
    if (outerEntry !== undefined) {
      if (!covers(c, outerEntry.schema, entry.schema, depth + 1)) return false
      continue
    }
    // A request property the new schema dropped is no longer read; a new response property is news.
    if (c.direction === 'request' || outerExtra === false) return false
    if (isJsonObject(outerExtra) && !covers(c, outerExtra, entry.schema, depth + 1)) return false
  }
  // A response property the old schema declared and the new one does not is a removal clients notice.
  if (c.direction === 'response') {
    for (const name of outerView.properties.keys()) if (!innerView.properties.has(name)) return false
  }
  if (outerExtra === false && innerExtra !== false) return false
  if (isJsonObject(outerExtra) && !isAnnotationOnly(outerExtra)) {
    if (!isJsonObject(innerExtra) || !covers(c, outerExtra, innerExtra, depth + 1)) return false
  }
  return true
}

/** Whether no value of `inner` satisfies `member` (so a oneOf holding both does not match twice). */
function disjoint(c: Cover, member: unknown, inner: JsonObject): boolean {
  const schema = c.run.object(c.outer, member) ?? {}
  const values = finiteValues(c.run, c.inner, inner)
  if (values !== undefined) return values.every((value) => accepts(c.run, c.outer, schema, value) === false)
  const memberValues = finiteValues(c.run, c.outer, schema)
  if (memberValues !== undefined) {
    const verdicts: Verdict[] = memberValues.map((value) => accepts(c.run, c.inner, inner, value))
    if (verdicts.every((v) => v === false)) return true
  }
  const a = typesOf(schema)
  const b = typesOf(inner)
  if (a === undefined || b === undefined) return false
  return ![...b].some((t) => overlaps(a, t))
}

function overlaps(types: Set<string>, type: string): boolean {
  if (types.has(type)) return true
  return (type === 'integer' && types.has('number')) || (type === 'number' && types.has('integer'))
}
