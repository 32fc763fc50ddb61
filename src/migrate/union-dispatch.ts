import type { JsonSchema } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import { refName } from './schema-walk.ts'

type _JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object'
const _ALL: readonly _JsonType[] = ['null', 'boolean', 'number', 'string', 'array', 'object']

const _typeOfValue = (v: unknown): _JsonType =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as 'boolean' | 'number' | 'string' | 'object')

/** The JSON types a schema accepts, as far as its keywords say (all of them when they say nothing). */
function _typesOf(
  schema: unknown,
  shape: (name: string) => JsonSchema | undefined,
  seen = new Set<string>(),
): Set<_JsonType> {
  if (typeof schema !== 'object' || schema === null) return new Set(_ALL)
  const s = schema as JsonSchema
  const name = refName(s)
  if (name !== undefined) {
    if (seen.has(name)) return new Set(_ALL)
    return _typesOf(shape(name), shape, new Set([...seen, name]))
  }
  const type = s.type
  if (typeof type === 'string' || Array.isArray(type)) {
    return new Set(([type].flat() as string[]).map((t) => (t === 'integer' ? 'number' : t) as _JsonType))
  }
  if ('const' in s) return new Set([_typeOfValue(s.const)])
  if (Array.isArray(s.enum)) return new Set(s.enum.map(_typeOfValue))
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined
  if (Array.isArray(branches)) return new Set(branches.flatMap((b) => [..._typesOf(b, shape, seen)]))
  if ('properties' in s || 'additionalProperties' in s || 'patternProperties' in s || 'required' in s)
    return new Set(['object'])
  if ('items' in s || 'prefixItems' in s) return new Set(['array'])
  return new Set(_ALL)
}

/** Properties that hold one fixed value (`const` or a one-value `enum`) in an object schema. */
function _constsOf(schema: unknown, shape: (name: string) => JsonSchema | undefined): Map<string, unknown> {
  const s = (refName(schema) !== undefined ? shape(refName(schema)!) : schema) as JsonSchema | undefined
  const out = new Map<string, unknown>()
  const props = s?.properties as Record<string, JsonSchema> | undefined
  for (const [key, p] of Object.entries(props ?? {})) {
    if (typeof p !== 'object' || p === null) continue
    if ('const' in p) out.set(key, p.const)
    else if (Array.isArray(p.enum) && p.enum.length === 1) out.set(key, p.enum[0])
  }
  return out
}

/**
 * Decides, once per union and source version, how a value finds its branch: by JSON type, and
 * among object branches by a property each holds a distinct `const` of. Returns the branch index
 * (-1 when none fits: the value is left as it is). Refuses a union where two branches with
 * different conversions cannot be told apart.
 *
 * @example
 * const pick = unionDispatch([{ $ref: '#/$defs/Asset' }, { type: 'null' }], [true, false], shape, 'Owner /properties/asset/anyOf')
 */
export function unionDispatch(
  branches: readonly JsonSchema[],
  converts: readonly boolean[],
  shape: (name: string) => JsonSchema | undefined,
  at: string,
): (value: unknown) => number {
  const types = branches.map((b) => _typesOf(b, shape))
  const byType = new Map<_JsonType, (value: unknown) => number>()
  for (const t of _ALL) {
    const candidates = branches.map((_, i) => i).filter((i) => types[i]!.has(t))
    if (candidates.length <= 1 || candidates.every((i) => !converts[i])) {
      const only = candidates.find((i) => converts[i]) ?? candidates[0] ?? -1
      byType.set(t, () => only)
      continue
    }
    const discriminator = t === 'object' ? _discriminator(candidates, branches, shape) : undefined
    if (discriminator === undefined) {
      throw new StrataError(
        'STRATA_ERR_CHANGE_AMBIGUOUS_UNION',
        `At ${at}, branches ${candidates.join(' and ')} both accept ${t === 'object' ? 'an object' : `a ${t}`} and migrate it differently, so Strata cannot tell which one an old value belongs to; give each object branch a property with a distinct \`const\` (a discriminator), or make the branches accept different JSON types.`,
      )
    }
    const [key, index] = discriminator
    byType.set(t, (v) => index.get((v as Record<string, unknown>)[key]) ?? -1)
  }
  return (v) => byType.get(_typeOfValue(v))!(v)
}

function _discriminator(
  candidates: readonly number[],
  branches: readonly JsonSchema[],
  shape: (name: string) => JsonSchema | undefined,
): [string, Map<unknown, number>] | undefined {
  const consts = candidates.map((i) => _constsOf(branches[i], shape))
  for (const key of consts[0]!.keys()) {
    const index = new Map<unknown, number>()
    for (const [j, c] of consts.entries()) {
      if (!c.has(key) || index.has(c.get(key))) break
      index.set(c.get(key), candidates[j]!)
    }
    if (index.size === candidates.length) return [key, index]
  }
  return undefined
}
