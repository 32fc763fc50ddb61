import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/composition-rules.ts'
import { diffRequiredAlternatives, isRequiredConstraint } from './diff-required-alternatives.ts'
import { refName } from './diff-run.ts'
import { diffSchema } from './diff-schema.ts'
import { jsonEqual, jsonKey } from './json-equal.ts'
import { descend, reportAt, type SchemaContext } from './schema-context.ts'
import { changesValues, keepsValues } from './schema-cover.ts'
import { isAnnotationOnly } from './schema-view.ts'

type Keyword = 'oneOf' | 'anyOf' | 'allOf'

/** Compares `oneOf`, `anyOf`, `allOf` member by member, and the discriminator. */
export function diffComposition(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  const constraints = new Set<Keyword>()
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (!isRequiredConstraint(ctx, keyword, oldSchema, newSchema)) continue
    constraints.add(keyword)
    diffRequiredAlternatives(ctx, keyword, oldSchema, newSchema)
  }
  if (restructured(constraints, oldSchema, newSchema) && keepsValues(ctx.run, ctx.direction, oldSchema, newSchema)) {
    // Alternatives merged, split or re-expressed (an enum as a oneOf of single-value enums): the
    // members no longer line up, and what matters held, so only a widened request or narrowed
    // response is news.
    if (changesValues(ctx.run, ctx.direction, oldSchema, newSchema)) {
      if (ctx.direction === 'request')
        reportAt(ctx, rules.requestAlternativeAdded, { detail: 'values it refused before' })
      else reportAt(ctx, rules.responseAlternativeRemoved, { detail: 'some values it returned before' })
    }
  } else diffUnions(ctx, constraints, oldSchema, newSchema)
  diffMembers(ctx, 'allOf', oldSchema, newSchema)
  diffDiscriminator(ctx, oldSchema, newSchema)
}

/** Whether a oneOf/anyOf (not a required-only constraint) appeared, disappeared or changed its member count. */
function restructured(constraints: Set<Keyword>, oldSchema: JsonObject, newSchema: JsonObject): boolean {
  return (['oneOf', 'anyOf'] as const).some((keyword) => {
    if (constraints.has(keyword)) return false
    const o = members(oldSchema[keyword])
    const n = members(newSchema[keyword])
    return (o !== undefined || n !== undefined) && o?.length !== n?.length
  })
}

function diffUnions(ctx: SchemaContext, constraints: Set<Keyword>, oldSchema: JsonObject, newSchema: JsonObject) {
  const oldOneOf = members(oldSchema.oneOf)
  const newOneOf = members(newSchema.oneOf)
  if (
    oldOneOf === undefined &&
    newOneOf !== undefined &&
    newOneOf.length > 1 &&
    oldSchema.anyOf === undefined &&
    !disjointScalars(ctx, newOneOf)
  ) {
    if (!constraints.has('oneOf')) {
      const detail = ctx.direction === 'response' ? 'clients may now read values it did not allow' : undefined
      reportAt(ctx, rules.wrappedInOneOf, detail === undefined ? {} : { detail })
    }
  } else if (!constraints.has('oneOf')) {
    diffMembers(ctx, 'oneOf', oldSchema, newSchema)
  }
  if (!constraints.has('anyOf')) diffMembers(ctx, 'anyOf', oldSchema, newSchema)
}

/** oneOf of distinct scalar types (string | integer | boolean) is a type list: no value matches twice. */
function disjointScalars(ctx: SchemaContext, list: unknown[]): boolean {
  const seen = new Set<string>()
  for (const member of list) {
    const type = ctx.run.object('new', member)?.type
    if (typeof type !== 'string' || type === 'object' || type === 'array' || seen.has(type)) return false
    if ((type === 'integer' && seen.has('number')) || (type === 'number' && seen.has('integer'))) return false
    seen.add(type)
  }
  return true
}

function members(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
}

function diffMembers(ctx: SchemaContext, keyword: Keyword, oldSchema: JsonObject, newSchema: JsonObject) {
  const oldList = members(oldSchema[keyword])
  const newList = members(newSchema[keyword])
  if (oldList === undefined && newList === undefined) return
  // A plain object split into allOf members (or merged back) is a refactoring: the merged
  // properties were compared already.
  if (keyword === 'allOf' && (oldList === undefined || newList === undefined)) return
  if (keyword !== 'allOf' && (oldList === undefined || newList === undefined)) {
    // One side is a plain schema: compare it as a one-member union (X -> anyOf [X, Y]).
    diffMatched(
      ctx,
      keyword,
      oldList ?? [oldSchema],
      newList ?? [newSchema],
      oldList !== undefined,
      newList !== undefined,
    )
    return
  }
  diffMatched(ctx, keyword, oldList ?? [], newList ?? [], true, true)
}

function diffMatched(
  ctx: SchemaContext,
  keyword: Keyword,
  oldList: unknown[],
  newList: unknown[],
  oldIsList: boolean,
  newIsList: boolean,
) {
  const run = ctx.run
  const pairs = matchMembers(ctx, oldList, newList)
  const request = ctx.direction === 'request'
  for (const [oldIndex, newIndex] of pairs.matched) {
    const next = descend(
      { ...ctx, skipProperties: keyword === 'allOf' },
      oldIsList ? [keyword, String(oldIndex)] : [],
      newIsList ? [keyword, String(newIndex)] : [],
    )
    diffSchema(next, oldList[oldIndex], newList[newIndex])
  }
  for (const index of pairs.removed) {
    const detail = describe(run.resolve('old', oldList[index]).ref, keyword, index)
    const at = descend(ctx, oldIsList ? [keyword, String(index)] : [], [])
    if (keyword === 'allOf') reportAt(at, rules.allOfChanged, { detail: `${detail} removed` }, 'old')
    else reportAt(at, request ? rules.requestAlternativeRemoved : rules.responseAlternativeRemoved, { detail }, 'old')
  }
  for (const index of pairs.added) {
    const detail = describe(run.resolve('new', newList[index]).ref, keyword, index)
    const at = descend(ctx, [], newIsList ? [keyword, String(index)] : [])
    if (keyword === 'allOf') {
      const member = run.object('new', newList[index])
      const constraining = member !== undefined && !isAnnotationOnly(member)
      if (request && constraining) reportAt(at, rules.requestAllOfAdded, { detail })
      else reportAt(at, rules.allOfChanged, { detail: `${detail} added` })
    } else if (request) {
      reportAt(at, rules.requestAlternativeAdded, { detail })
    } else {
      reportAt(at, keyword === 'oneOf' ? rules.responseOneOfAdded : rules.responseAnyOfAdded, { detail })
    }
  }
}

function describe(ref: string | undefined, keyword: Keyword, index: number): string {
  return ref === undefined ? `${keyword} member #${index + 1}` : `\`${refName(ref)}\``
}

/** Pairs members by `$ref` name, then title, then equal content, then position among the rest. */
function matchMembers(ctx: SchemaContext, oldList: unknown[], newList: unknown[]) {
  const run = ctx.run
  const matched: Array<[number, number]> = []
  const oldLeft = new Set(oldList.keys())
  const newLeft = new Set(newList.keys())
  const keyers: Array<(side: 'old' | 'new', node: unknown) => string | undefined> = [
    (side, node) => {
      const ref = run.resolve(side, node).ref
      return ref === undefined ? undefined : refName(ref)
    },
    (side, node) => {
      const title = run.object(side, node)?.title
      return typeof title === 'string' ? title : undefined
    },
    (side, node) => {
      const resolved = run.resolve(side, node)
      return resolved.ref === undefined ? jsonKey(resolved.node) : undefined
    },
  ]
  for (const keyOf of keyers) {
    const byKey = new Map<string, number>()
    for (const i of newLeft) {
      const key = keyOf('new', newList[i])
      if (key !== undefined && !byKey.has(key)) byKey.set(key, i)
    }
    for (const i of [...oldLeft]) {
      const key = keyOf('old', oldList[i])
      const j = key === undefined ? undefined : byKey.get(key)
      if (j === undefined || !newLeft.has(j)) continue
      matched.push([i, j])
      oldLeft.delete(i)
      newLeft.delete(j)
    }
  }
  // What is left on both sides is most often the same alternative, edited inline or renamed; two
  // different components are only the same alternative when their content is the same.
  const oldRest = [...oldLeft]
  const newRest = [...newLeft]
  const removed: number[] = []
  if (oldRest.length === 1 && newRest.length === 1) {
    // One alternative replaced by one other: compare them (a rename, or an edit of the same shape).
    matched.push([oldRest[0] as number, newRest[0] as number])
    return { matched, removed, added: [] }
  }
  for (const i of oldRest) {
    const oldResolved = run.resolve('old', oldList[i])
    const j = newRest.find((candidate) => {
      const newResolved = run.resolve('new', newList[candidate])
      if (oldResolved.ref === undefined || newResolved.ref === undefined) return true
      return jsonKey(withoutAnnotations(oldResolved.node)) === jsonKey(withoutAnnotations(newResolved.node))
    })
    if (j === undefined) removed.push(i)
    else {
      matched.push([i, j])
      newRest.splice(newRest.indexOf(j), 1)
    }
  }
  return { matched, removed, added: newRest }
}

/**
 * The discriminator decides which schema a client parses an object as. A new property name, or a
 * value that leads to another schema, leaves clients reading the wrong type: breaking either way.
 * A value that disappears is refused in requests and merely no longer returned in responses; a new
 * value is news (the alternative it leads to is judged by the oneOf/anyOf rules).
 */
function diffDiscriminator(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject) {
  const o = oldSchema.discriminator
  const n = newSchema.discriminator
  if (!isJsonObject(o) || !isJsonObject(n)) return
  const at = descend(ctx, ['discriminator'])
  if (o.propertyName !== n.propertyName) {
    reportAt(at, rules.discriminatorPropertyChanged, {
      from: `\`${String(o.propertyName)}\``,
      to: `\`${String(n.propertyName)}\``,
    })
  }
  const oldMapping = isJsonObject(o.mapping) ? o.mapping : {}
  const newMapping = isJsonObject(n.mapping) ? n.mapping : {}
  const target = (value: unknown) => (typeof value === 'string' ? { $ref: value } : value)
  const names = (keys: string[]) => keys.map((k) => `\`${k}\``).join(', ')
  const moved = Object.keys(oldMapping).filter(
    (key) =>
      newMapping[key] !== undefined &&
      !jsonEqual(oldMapping[key], newMapping[key]) &&
      !ctx.run.unchanged(target(oldMapping[key]), target(newMapping[key])),
  )
  const removed = Object.keys(oldMapping).filter((key) => newMapping[key] === undefined)
  const added = Object.keys(newMapping).filter((key) => oldMapping[key] === undefined)
  const refused = ctx.direction === 'request' ? removed : []
  if (moved.length + refused.length > 0) {
    reportAt(at, rules.discriminatorMappingChanged, { detail: names([...moved, ...refused]) })
  }
  const news = [...added, ...(ctx.direction === 'request' ? [] : removed)]
  if (news.length > 0) reportAt(at, rules.discriminatorMappingExtended, { detail: names(news) })
}

function withoutAnnotations(node: unknown): unknown {
  if (!isJsonObject(node)) return node
  const { title: _title, description: _description, ...rest } = node
  return rest
}
