import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { DiffRun } from './diff-run.ts'
import { jsonEqual } from './json-equal.ts'
import { isAnnotationOnly, typesOf } from './schema-view.ts'

/** Whether a schema accepts a value: `undefined` when it uses a keyword this check does not evaluate. */
export type Verdict = boolean | undefined

/**
 * The values a schema admits besides null, when they are finitely many: an `enum` or `const`, or a
 * union whose every member is one (`oneOf: [{ enum: [a] }, { enum: [b] }]`). Undefined otherwise.
 *
 * @example
 * finiteValues(run, 'old', { oneOf: [{ const: 'a' }, { enum: ['b', 'c'] }] }) // ['a', 'b', 'c']
 */
export function finiteValues(run: DiffRun, side: 'old' | 'new', schema: JsonObject, depth = 0): unknown[] | undefined {
  if (depth > 8) return undefined
  const own = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined
  if (own !== undefined) return own.filter((value) => value !== null && accepts(run, side, schema, value) !== false)
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword]
    if (!Array.isArray(members) || members.length === 0) continue
    const out: unknown[] = []
    for (const member of members) {
      const values = finiteValues(run, side, run.object(side, member) ?? {}, depth + 1)
      if (values === undefined) return undefined
      for (const value of values) if (!out.some((seen) => jsonEqual(seen, value))) out.push(value)
    }
    return out.filter((value) => accepts(run, side, schema, value) === true)
  }
  return undefined
}

/** Keywords {@link accepts} evaluates; `nullable` and `format` only annotate the non-null values checked here. */
const evaluated = new Set([
  'type',
  'nullable',
  'format',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  'allOf',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
])

/** Validates one non-null scalar value against a schema, as far as the schema's keywords are understood. */
export function accepts(run: DiffRun, side: 'old' | 'new', node: unknown, value: unknown, depth = 0): Verdict {
  if (depth > 16) return undefined
  const resolved = run.resolve(side, node).node
  if (resolved === true || resolved === undefined) return true
  if (!isJsonObject(resolved)) return resolved === false ? false : undefined
  const schema: JsonObject = resolved
  let verdict: Verdict = true
  for (const [keyword, rule] of Object.entries(schema)) {
    if (keyword.startsWith('x-') || isAnnotationOnly({ [keyword]: rule })) continue
    if (!evaluated.has(keyword)) return undefined
    const result = check(run, side, schema, keyword, value, depth)
    if (result === false) return false
    if (result === undefined) verdict = undefined
  }
  return verdict
}

function check(run: DiffRun, side: 'old' | 'new', schema: JsonObject, keyword: string, value: unknown, depth: number) {
  const rule = schema[keyword]
  switch (keyword) {
    case 'type': {
      const types = typesOf(schema)
      return types === undefined || [...types].some((type) => hasType(value, type))
    }
    case 'enum':
      return Array.isArray(rule) ? rule.some((v) => jsonEqual(v, value)) : undefined
    case 'const':
      return jsonEqual(rule, value)
    case 'oneOf':
    case 'anyOf':
    case 'allOf': {
      if (!Array.isArray(rule)) return undefined
      const results = rule.map((member) => accepts(run, side, member, value, depth + 1))
      if (results.includes(undefined)) return undefined
      const count = results.filter(Boolean).length
      return keyword === 'oneOf' ? count === 1 : keyword === 'anyOf' ? count > 0 : count === rule.length
    }
    case 'minLength':
    case 'maxLength':
      if (typeof value !== 'string' || typeof rule !== 'number') return true
      return keyword === 'minLength' ? [...value].length >= rule : [...value].length <= rule
    case 'minimum':
    case 'maximum':
      if (typeof value !== 'number' || typeof rule !== 'number') return true
      return keyword === 'minimum' ? value >= rule : value <= rule
    case 'pattern':
      return typeof value !== 'string' || typeof rule !== 'string' ? true : matches(rule, value)
    default:
      return true
  }
}

function matches(pattern: string, value: string): Verdict {
  try {
    return new RegExp(pattern, 'u').test(value)
  } catch {
    return undefined
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isJsonObject(value)
    default:
      return false
  }
}
