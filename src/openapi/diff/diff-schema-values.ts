import type { JsonObject } from '../load/json-pointer.ts'
import * as enumRules from '../rules/enum-rules.ts'
import * as keywordRules from '../rules/keyword-rules.ts'
import * as limitRules from '../rules/limit-rules.ts'
import { formatValue } from '../rules/rule.ts'
import { jsonEqual, jsonKey } from './json-equal.ts'
import { descend, reportAt, type SchemaContext } from './schema-context.ts'
import { admitsKind, typesOf } from './schema-view.ts'

/** Compares `enum`, `const` and `x-extensible-enum` (a `const` is a one-value enum). */
export function diffEnum(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  const oldValues = enumValues(oldSchema)
  const newValues = enumValues(newSchema)
  if (oldValues === undefined && newValues === undefined) return
  // A union on the side without an enum is compared member by member instead.
  const union = (s: JsonObject) => Array.isArray(s.oneOf) || Array.isArray(s.anyOf)
  if ((oldValues === undefined && union(oldSchema)) || (newValues === undefined && union(newSchema))) return
  const request = ctx.direction === 'request'
  const extensible = Array.isArray(newSchema['x-extensible-enum'])
  if (oldValues === undefined) {
    if (request) reportAt(ctx, enumRules.requestBecameEnum, { detail: listOf(newValues ?? new Map()) })
    return
  }
  if (newValues === undefined) {
    if (request) reportAt(ctx, enumRules.requestEnumValueAdded, { detail: 'any value' })
    else if (!extensible) reportAt(ctx, enumRules.responseEnumRemoved, {})
    return
  }
  const removed = difference(oldValues, newValues)
  const added = difference(newValues, oldValues)
  if (request) {
    if (removed.size > 0) reportAt(ctx, enumRules.requestEnumValueRemoved, { detail: listOf(removed) })
    if (added.size > 0) reportAt(ctx, enumRules.requestEnumValueAdded, { detail: listOf(added) })
  } else {
    if (added.size > 0) {
      const rule = extensible ? enumRules.responseExtensibleEnumValueAdded : enumRules.responseEnumValueAdded
      reportAt(ctx, rule, { detail: listOf(added) })
    }
    if (removed.size > 0) reportAt(ctx, enumRules.responseEnumValueRemoved, { detail: listOf(removed) })
  }
}

function enumValues(schema: JsonObject): Map<string, unknown> | undefined {
  const list = Array.isArray(schema.enum)
    ? schema.enum
    : Array.isArray(schema['x-extensible-enum'])
      ? schema['x-extensible-enum']
      : schema.const !== undefined
        ? [schema.const]
        : undefined
  if (list === undefined) return undefined
  const values = new Map<string, unknown>()
  for (const value of list) if (value !== null) values.set(jsonKey(value), value)
  return values
}

function difference(a: Map<string, unknown>, b: Map<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>()
  for (const [key, value] of a) if (!b.has(key)) out.set(key, value)
  return out
}

function listOf(values: Map<string, unknown>): string {
  const shown = [...values.values()].slice(0, 5).map(formatValue)
  const more = values.size > 5 ? ` and ${values.size - 5} more` : ''
  return `${values.size === 1 ? 'the value' : 'the values'} ${shown.join(', ')}${more}`
}

/** Compares `default`: what the server assumes when a client omits a value. */
export function diffDefault(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  if (oldSchema.default === undefined || jsonEqual(oldSchema.default, newSchema.default)) return
  const from = oldSchema.default
  const to = newSchema.default
  // `true` and "true" print alike: name the types when they differ, and quote strings.
  const typed = to !== undefined && typeof from !== typeof to
  const show = (value: unknown) =>
    typed ? `${formatValue(JSON.stringify(value))} (${typeof value})` : formatValue(value)
  const input = { from: show(from), to: to === undefined ? formatValue(to) : show(to) }
  reportAt(ctx, ctx.direction === 'request' ? enumRules.requestDefaultChanged : enumRules.responseDefaultChanged, input)
}

type Bound = 'max' | 'min'
const limits: ReadonlyArray<{ keyword: string; bound: Bound; kind: 'number' | 'string' | 'array' | 'object' }> = [
  { keyword: 'maximum', bound: 'max', kind: 'number' },
  { keyword: 'minimum', bound: 'min', kind: 'number' },
  { keyword: 'exclusiveMaximum', bound: 'max', kind: 'number' },
  { keyword: 'exclusiveMinimum', bound: 'min', kind: 'number' },
  { keyword: 'maxLength', bound: 'max', kind: 'string' },
  { keyword: 'minLength', bound: 'min', kind: 'string' },
  { keyword: 'maxItems', bound: 'max', kind: 'array' },
  { keyword: 'minItems', bound: 'min', kind: 'array' },
  { keyword: 'maxContains', bound: 'max', kind: 'array' },
  { keyword: 'minContains', bound: 'min', kind: 'array' },
  { keyword: 'maxProperties', bound: 'max', kind: 'object' },
  { keyword: 'minProperties', bound: 'min', kind: 'object' },
]

/** Compares numeric limits, only where they have a validation effect (maxLength on strings, ...). */
export function diffLimits(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  const oldTypes = typesOf(oldSchema)
  const newTypes = typesOf(newSchema)
  // A union without the keyword on one side carries it in its members, compared member by member.
  const union = (s: JsonObject) => Array.isArray(s.oneOf) || Array.isArray(s.anyOf)
  for (const { keyword, bound, kind } of limits) {
    const oldValue = oldSchema[keyword]
    const newValue = newSchema[keyword]
    if (oldValue === newValue || (!admitsKind(oldTypes, kind) && !admitsKind(newTypes, kind))) continue
    if ((oldValue === undefined && union(oldSchema)) || (newValue === undefined && union(newSchema))) continue
    const tighter = compareBound(bound, oldValue, newValue)
    if (tighter === undefined) continue
    reportLimit(ctx, keyword, tighter, formatValue(oldValue), formatValue(newValue))
  }
  if (
    oldSchema.multipleOf !== newSchema.multipleOf &&
    (admitsKind(oldTypes, 'number') || admitsKind(newTypes, 'number'))
  ) {
    const o = oldSchema.multipleOf
    const n = newSchema.multipleOf
    const looser = n === undefined || (typeof o === 'number' && typeof n === 'number' && Number.isInteger(o / n))
    reportLimit(ctx, 'multipleOf', !looser, formatValue(o), formatValue(n))
  }
  if ((oldSchema.uniqueItems === true) !== (newSchema.uniqueItems === true)) {
    reportLimit(
      ctx,
      'uniqueItems',
      newSchema.uniqueItems === true,
      formatValue(oldSchema.uniqueItems ?? false),
      formatValue(newSchema.uniqueItems ?? false),
    )
  }
}

/** True when the new bound is stricter, false when looser, undefined when not comparable. */
function compareBound(bound: Bound, oldValue: unknown, newValue: unknown): boolean | undefined {
  // OpenAPI 3.0 writes exclusiveMaximum/exclusiveMinimum as booleans modifying maximum/minimum.
  if (typeof oldValue === 'boolean' || typeof newValue === 'boolean') {
    if ((oldValue === true) === (newValue === true)) return undefined
    return newValue === true
  }
  if (oldValue === undefined) return typeof newValue === 'number' ? true : undefined
  if (newValue === undefined) return typeof oldValue === 'number' ? false : undefined
  if (typeof oldValue !== 'number' || typeof newValue !== 'number' || oldValue === newValue) return undefined
  return bound === 'max' ? newValue < oldValue : newValue > oldValue
}

function reportLimit(ctx: SchemaContext, keyword: string, tighter: boolean, from: string, to: string) {
  const input = { from, to, detail: keyword }
  if (ctx.direction === 'request') {
    reportAt(ctx, tighter ? limitRules.requestLimitTightened : limitRules.requestLimitLoosened, input)
  } else if (tighter) {
    reportAt(ctx, limitRules.responseLimitTightened, input)
  } else {
    reportAt(
      ctx,
      keyword === 'maxLength' ? limitRules.responseMaxLengthIncreased : limitRules.responseLimitLoosened,
      input,
    )
  }
}

/** Compares `pattern`. */
export function diffPattern(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  // An empty pattern matches everything: it is the same as none.
  const o = oldSchema.pattern === '' ? undefined : oldSchema.pattern
  const n = newSchema.pattern === '' ? undefined : newSchema.pattern
  if (o === n) return
  const input = { from: formatValue(o), to: formatValue(n) }
  if (ctx.direction === 'request') {
    if (o === undefined) reportAt(ctx, limitRules.requestPatternAdded, input)
    else if (n !== undefined) reportAt(ctx, limitRules.requestPatternChanged, input)
  } else if (o !== undefined) {
    reportAt(ctx, limitRules.responsePatternChanged, input)
  }
}

/** JSON Schema keywords compared as a whole: any change to them may change what validates. */
const constraintKeywords = [
  'not',
  'if',
  'then',
  'else',
  'contains',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'prefixItems',
  'unevaluatedItems',
  'unevaluatedProperties',
  'propertyNames',
  'patternProperties',
  'contentSchema',
  'contentMediaType',
  'contentEncoding',
] as const

/** Compares the applicator and assertion keywords of JSON Schema 2020-12 as whole values. */
export function diffKeywords(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): void {
  for (const keyword of constraintKeywords) {
    const o = oldSchema[keyword]
    const n = newSchema[keyword]
    if (o === undefined && n === undefined) continue
    if (o !== undefined && n !== undefined && jsonEqual(o, n)) continue
    const change = o === undefined ? 'added' : n === undefined ? 'removed' : 'changed'
    const rule =
      ctx.direction === 'request'
        ? {
            added: keywordRules.requestConstraintAdded,
            removed: keywordRules.requestConstraintRemoved,
            changed: keywordRules.requestConstraintChanged,
          }[change]
        : {
            added: keywordRules.responseConstraintAdded,
            removed: keywordRules.responseConstraintRemoved,
            changed: keywordRules.responseConstraintChanged,
          }[change]
    reportAt(descend(ctx, [keyword]), rule, { detail: `\`${keyword}\`` }, change === 'removed' ? 'old' : 'new')
  }
}
