import type { JsonSchema } from '../../change/index.ts'

const typeOf = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'integer'
          : 'number'
        : typeof value

/**
 * Infers a JSON Schema from sample values of one shape: the types seen, object properties from
 * every sample, and `required` for the properties that every object sample has. Used for bodies
 * Strata renders itself (the error envelope), where only example output is known.
 *
 * @example
 * inferSchema([{ a: 1 }, { a: 2, b: 'x' }]) // { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } }, required: ['a'] }
 */
export function inferSchema(samples: readonly unknown[]): JsonSchema {
  const types = [...new Set(samples.map(typeOf))]
  // An integer seen next to a fraction is a number.
  const merged = types.includes('number') ? types.filter((t) => t !== 'integer') : types
  if (merged.length === 0) return {}
  const out: Record<string, unknown> = { type: merged.length === 1 ? merged[0] : merged }
  if (merged.includes('object')) {
    const objects = samples.filter((s) => typeOf(s) === 'object') as Record<string, unknown>[]
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))]
    out.properties = Object.fromEntries(
      keys.map((k) => [k, inferSchema(objects.filter((o) => k in o && o[k] !== undefined).map((o) => o[k]))]),
    )
    const required = keys.filter((k) => objects.every((o) => o[k] !== undefined))
    if (required.length > 0) out.required = required
  }
  if (merged.includes('array')) {
    const items = (samples.filter(Array.isArray) as unknown[][]).flat()
    out.items = inferSchema(items)
  }
  return out
}
