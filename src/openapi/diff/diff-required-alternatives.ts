import type { JsonObject } from '../load/json-pointer.ts'
import * as keywordRules from '../rules/keyword-rules.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'
import { type ObjectView, objectView, requiredAlternatives } from './schema-view.ts'

type Keyword = 'anyOf' | 'oneOf'

/** One side's constraint: the sets of properties of which a value must hold at least one, and who may appear. */
interface RequiredConstraint {
  /** Each term lists properties that together satisfy the schema (the object's `required` plus one branch). */
  readonly terms: Array<Set<string>>
  /** The branches of a `oneOf`: a value may satisfy only one of them. */
  readonly exclusive: Array<Set<string>>
  /**
   * Whether a value may hold a property the schema declares. Undeclared properties are not counted:
   * refusing them is `request-additional-properties-restricted`, reported on its own.
   */
  readonly allows: (name: string) => boolean
}

/**
 * Whether a keyword of both sides is a required-only constraint (or absent on one side), so that it
 * is compared by {@link diffRequiredAlternatives} rather than member by member.
 */
export function isRequiredConstraint(ctx: SchemaContext, keyword: Keyword, o: JsonObject, n: JsonObject): boolean {
  const oldBranches = requiredAlternatives(ctx.run, 'old', o, keyword)
  const newBranches = requiredAlternatives(ctx.run, 'new', n, keyword)
  if (oldBranches === undefined && newBranches === undefined) return false
  return (
    (oldBranches !== undefined || o[keyword] === undefined) && (newBranches !== undefined || n[keyword] === undefined)
  )
}

/**
 * Compares `anyOf`/`oneOf` lists of required-only branches by the objects each side accepts: a request
 * may not accept fewer, a response may not return more. Properties each branch requires are compared
 * as plain `required` by the property comparison.
 */
export function diffRequiredAlternatives(ctx: SchemaContext, keyword: Keyword, o: JsonObject, n: JsonObject): void {
  const oldView = objectView(ctx.run, 'old', o, ctx.oldPointer)
  const newView = objectView(ctx.run, 'new', n, ctx.newPointer)
  // A property required on one side only is reported by the property comparison; the constraint is
  // judged on what remains, as if both sides required the same properties outright.
  const required = new Set([...oldView.required, ...newView.required])
  const oldSide = constraintOf(ctx, 'old', keyword, o, oldView, required)
  const newSide = constraintOf(ctx, 'new', keyword, n, newView, required)
  const newAcceptsOld = accepts(newSide, oldSide)
  const oldAcceptsNew = accepts(oldSide, newSide)
  if (newAcceptsOld && oldAcceptsNew) return
  const added = o[keyword] === undefined
  const removed = n[keyword] === undefined
  const whole = `\`${keyword}\` of required properties`
  const detail = { detail: whole }
  const part = { detail: `${whole} in part` }
  if (ctx.direction === 'request') {
    if (!newAcceptsOld)
      reportAt(ctx, added ? keywordRules.requestConstraintAdded : keywordRules.requestConstraintChanged, detail)
    else reportAt(ctx, keywordRules.requestConstraintRemoved, removed ? detail : part, removed ? 'old' : 'new')
  } else if (!oldAcceptsNew) {
    reportAt(ctx, removed ? keywordRules.responseConstraintRemoved : keywordRules.responseConstraintChanged, detail)
  } else {
    reportAt(ctx, keywordRules.responseConstraintAdded, added ? detail : part)
  }
}

function constraintOf(
  ctx: SchemaContext,
  side: 'old' | 'new',
  keyword: Keyword,
  schema: JsonObject,
  view: ObjectView,
  required: Set<string>,
): RequiredConstraint {
  const branches = requiredAlternatives(ctx.run, side, schema, keyword) ?? []
  const terms = branches.length === 0 ? [required] : branches.map((b) => new Set([...required, ...b]))
  return {
    terms,
    exclusive: keyword === 'oneOf' && branches.length > 1 ? branches : [],
    allows: (name) => view.properties.has(name),
  }
}

/**
 * Whether `outer` accepts every object `inner` accepts. The smallest object of an inner term holds
 * exactly its properties; it passes `outer` when an outer term is a subset of it. A `oneOf` also
 * rejects an object satisfying two branches, which an inner value may do when it may hold both.
 */
function accepts(outer: RequiredConstraint, inner: RequiredConstraint): boolean {
  const covered = inner.terms.every((term) => outer.terms.some((o) => subset(o, term)))
  if (!covered) return false
  const { exclusive } = outer
  for (let i = 0; i < exclusive.length; i++) {
    for (let j = i + 1; j < exclusive.length; j++) {
      for (const term of inner.terms) {
        // The smallest object holding a term and both branches; more properties only add matches.
        const value = new Set([...term, ...(exclusive[i] ?? []), ...(exclusive[j] ?? [])])
        if (holds(inner, value)) return false
      }
    }
  }
  return true
}

/** Whether an object holding exactly `value`'s properties satisfies a side's constraint. */
function holds(side: RequiredConstraint, value: Set<string>): boolean {
  if (![...value].every((name) => side.allows(name))) return false
  if (!side.terms.some((term) => subset(term, value))) return false
  return side.exclusive.length === 0 || side.exclusive.filter((branch) => subset(branch, value)).length === 1
}

function subset(small: Set<string>, large: Set<string>): boolean {
  for (const name of small) if (!large.has(name)) return false
  return true
}
