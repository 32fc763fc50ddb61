import type { FieldInstruction, JsonSchema, SchemaMigration } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import type { Conv, ObjMap, PropSource, RestProps, Stage } from './conv.ts'
import { itemsOf, propertiesOf, refName } from './schema-walk.ts'

/** One version step of one schema: its older shape and the maps between the two. */
export interface SchemaStep {
  /** The shape in the older version. */
  readonly older: JsonSchema
  /** Newer -> older, for responses. */
  readonly down: Conv
  /** Older -> newer, for requests. */
  readonly up: Conv
  /** Custom migrations of this step, run before the declarative maps. */
  readonly custom: readonly SchemaMigration[]
}

type _MutableMap = { props: Map<string, PropSource>; source: string[]; rest?: RestProps }

const _isSchema = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v)
const _list = (v: unknown): JsonSchema[] | undefined => (Array.isArray(v) ? v.filter(_isSchema) : undefined)
const _nonEmpty = (c: Conv): boolean => c.length > 0

/** Whether a schema describes objects by its own keywords (declared, additional or pattern properties). */
function _hasOwnObject(schema: JsonSchema): boolean {
  return (
    propertiesOf(schema) !== undefined ||
    _isSchema(schema.additionalProperties) ||
    schema.additionalProperties === true ||
    _isSchema(schema.patternProperties)
  )
}

/** Whether a schema's own properties are only some of its objects' (beside `allOf` or a union). */
export function isComposed(schema: JsonSchema): boolean {
  return (
    Array.isArray(schema.allOf) ||
    ((Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) && _hasOwnObject(schema))
  )
}

/**
 * The conv of a value of a schema, following every position the engine supports: `$ref` to a
 * named schema, `properties`, `additionalProperties`, `patternProperties`, `items`,
 * `prefixItems`, `anyOf` / `oneOf` (by branch) and `allOf` (by part). `at` is the position as a
 * JSON pointer, for start-up errors; `open` keeps undeclared properties (inside an `allOf`).
 */
export function childConv(schema: JsonSchema | undefined, at = '', open = false, own?: ObjMap): Conv {
  if (schema === undefined) return []
  const name = refName(schema)
  if (name !== undefined) return [{ kind: 'named', name, ...(open ? { open } : {}) }]
  const stages: Stage[] = []
  const prefix = _list(schema.prefixItems) ?? _list(schema.items)
  const items = itemsOf(schema)
  if (prefix !== undefined) {
    const convs = prefix.map((s, i) => childConv(s, `${at}/prefixItems/${i}`))
    const rest = childConv(
      items ?? (_isSchema(schema.additionalItems) ? schema.additionalItems : undefined),
      `${at}/items`,
    )
    if (convs.some(_nonEmpty) || rest.length > 0) stages.push({ kind: 'tuple', prefix: convs, rest })
  } else if (items !== undefined) {
    const inner = childConv(items, `${at}/items`)
    if (inner.length > 0) stages.push({ kind: 'items', conv: inner })
  }
  const branchesKey = Array.isArray(schema.anyOf) ? 'anyOf' : Array.isArray(schema.oneOf) ? 'oneOf' : undefined
  const allOf = _list(schema.allOf)
  // Beside `allOf` or a union, this schema's own properties are only some of the object's.
  const composed = isComposed(schema)
  const parts: Conv[] = []
  if (own !== undefined || _hasOwnObject(schema))
    parts.push([{ kind: 'object', map: own ?? identityMap(schema, at, open || composed) }])
  if (branchesKey !== undefined) {
    const branches = _list(schema[branchesKey])!
    const convs = branches.map((b, i) => childConv(b, `${at}/${branchesKey}/${i}`, open || composed))
    if (convs.some(_nonEmpty)) parts.push([{ kind: 'union', branches, convs, at: `${at}/${branchesKey}` }])
  }
  for (const [i, part] of (allOf ?? []).entries()) parts.push(childConv(part, `${at}/allOf/${i}`, true))
  if (!composed) stages.push(...parts.flat())
  else if (parts.some(_nonEmpty)) stages.push({ kind: 'all', parts })
  return stages
}

/**
 * The map that copies every declared property of a shape to itself; undeclared properties are
 * kept where the schema allows them (`additionalProperties`, `patternProperties`, or `open`).
 */
export function identityMap(shape: JsonSchema, at = '', open = false): _MutableMap {
  const props = propertiesOf(shape) ?? {}
  const additional = shape.additionalProperties
  const patterns = _isSchema(shape.patternProperties)
    ? Object.entries(shape.patternProperties).map(([pattern, s]) => ({
        pattern,
        conv: childConv(_isSchema(s) ? s : undefined, `${at}/patternProperties/${pattern}`),
      }))
    : []
  const rest: RestProps | undefined =
    _isSchema(additional) || additional === true || open || patterns.length > 0
      ? {
          additional: _isSchema(additional)
            ? childConv(additional, `${at}/additionalProperties`)
            : additional === true || (open && additional !== false)
              ? []
              : open
                ? []
                : undefined,
          patterns,
        }
      : undefined
  return {
    props: new Map(
      Object.entries(props).map(([p, s]) => [p, { from: p, conv: childConv(s, `${at}/properties/${p}`) }]),
    ),
    source: Object.keys(props),
    ...(rest !== undefined ? { rest } : {}),
  }
}

interface _Where {
  readonly schema: string
  readonly version: string
  readonly instruction: FieldInstruction
}

function _fail(
  code: 'STRATA_ERR_CHANGE_UNKNOWN_FIELD' | 'STRATA_ERR_CHANGE_FIELD_EXISTS' | 'STRATA_ERR_CHANGE_INVALID_ENUM',
  w: _Where,
  why: string,
  fix: string,
): never {
  throw new StrataError(
    code,
    `Change at version ${w.version}: ${w.instruction.kind} on ${w.schema}.${w.instruction.path}: ${why}; ${fix}.`,
  )
}

const clone = <T>(v: T): T => structuredClone(v)

/** Replaces key `from` by `to` in place, keeping the key order of an object or a Map. */
function _renameKey<V>(entries: Iterable<[string, V]>, from: string, to: string, value: V): [string, V][] {
  return [...entries].map(([k, v]) => (k === from ? [to, value] : [k, v]))
}

/** Descends `path` segments (`a`, `b[]`) to the object shape and the two maps that hold the last segment. */
interface _Cursor {
  shape: Record<string, unknown>
  down: _MutableMap
  up: _MutableMap
  field: string
}

function _descend(shape: JsonSchema, down: _MutableMap, up: _MutableMap, path: string, w: _Where): _Cursor {
  const segments = path.split('.')
  let s = shape as Record<string, unknown>
  let d = down
  let u = up
  for (let i = 0; i < segments.length - 1; i++) {
    const seg = segments[i]!
    const isArray = seg.endsWith('[]')
    const key = isArray ? seg.slice(0, -2) : seg
    const props = propertiesOf(s)
    let child = props?.[key] as Record<string, unknown> | undefined
    if (child === undefined)
      _fail(
        'STRATA_ERR_CHANGE_UNKNOWN_FIELD',
        w,
        `'${key}' is not a field of it at this version`,
        'check the path against the schema of this version',
      )
    if (isArray) child = itemsOf(child) as Record<string, unknown> | undefined
    if (child === undefined || propertiesOf(child) === undefined) {
      _fail(
        'STRATA_ERR_CHANGE_UNKNOWN_FIELD',
        w,
        `'${seg}' does not hold an object with fields`,
        'point the path at an object (use `field[]` for an array of objects)',
      )
    }
    const nest = (m: _MutableMap): _MutableMap => {
      const src = m.props.get(key)!
      const stageConv = isArray
        ? src.conv.at(-1)?.kind === 'items'
          ? (src.conv.at(-1) as { conv: Conv }).conv
          : undefined
        : src.conv
      const last = stageConv?.at(-1)
      if (last?.kind === 'object') return last.map as _MutableMap
      const map = identityMap(child!)
      const objectStage = { kind: 'object' as const, map }
      const conv: Conv = isArray ? [...src.conv, { kind: 'items', conv: [objectStage] }] : [...src.conv, objectStage]
      m.props.set(key, { ...src, conv })
      return map
    }
    d = nest(d)
    u = nest(u)
    s = child!
  }
  return { shape: s, down: d, up: u, field: segments.at(-1)! }
}

// Schemas built with TypeBox or zod spell an enum twice: `enum` and an `anyOf` of `const`s.
const _consts = (schema: JsonSchema): JsonSchema[] | undefined => {
  const list = schema.anyOf ?? schema.oneOf
  return Array.isArray(list) && list.every((s) => typeof s === 'object' && s !== null && 'const' in s)
    ? (list as JsonSchema[])
    : undefined
}
const _key = (schema: JsonSchema): 'anyOf' | 'oneOf' => (schema.anyOf !== undefined ? 'anyOf' : 'oneOf')

function _withoutConst(schema: JsonSchema, value: unknown): JsonSchema {
  const list = _consts(schema)
  return list === undefined ? schema : { ...schema, [_key(schema)]: list.filter((s) => s.const !== value) }
}

function _withConst(schema: JsonSchema, value: unknown): JsonSchema {
  const list = _consts(schema)
  const type = list?.[0]?.type
  return list === undefined
    ? schema
    : { ...schema, [_key(schema)]: [...list, { ...(type !== undefined ? { type } : {}), const: value }] }
}

/**
 * Applies the field instructions and custom migrations that one version introduces to one
 * schema: returns the shape of the version before, and the maps between the two.
 */
export function stepSchema(
  shape: JsonSchema,
  instructions: readonly FieldInstruction[],
  custom: readonly SchemaMigration[],
  schemaName: string,
  version: string,
): SchemaStep {
  const older = clone(shape) as Record<string, unknown>
  const objectShape = propertiesOf(shape) !== undefined
  const down = identityMap(shape, '', isComposed(shape))
  const up = identityMap(shape, '', isComposed(shape))
  for (const instruction of instructions) {
    const w = { schema: schemaName, version, instruction }
    if (!objectShape)
      _fail('STRATA_ERR_CHANGE_UNKNOWN_FIELD', w, 'the schema is not an object with fields', 'target an object schema')
    const c = _descend(older, down, up, instruction.path, w)
    const props = propertiesOf(c.shape) as Record<string, JsonSchema>
    const required = (Array.isArray(c.shape.required) ? c.shape.required : []) as string[]
    const has = Object.hasOwn(props, c.field)
    const need = (present: boolean): void => {
      if (present && !has)
        _fail(
          'STRATA_ERR_CHANGE_UNKNOWN_FIELD',
          w,
          `the schema has no field '${c.field}' at this version`,
          `declare the field in the head schema, or fix the path (fields here: ${Object.keys(props).join(', ') || 'none'})`,
        )
      if (!present && has)
        _fail(
          'STRATA_ERR_CHANGE_FIELD_EXISTS',
          w,
          `the schema already has a field '${c.field}' at this version`,
          'a removed field must be gone from the newer schema; use another name or drop the instruction',
        )
    }
    const setRequired = (list: string[]): void => {
      if (list.length > 0) c.shape.required = list
      else delete c.shape.required
    }
    switch (instruction.kind) {
      case 'field-added': {
        need(true)
        delete props[c.field]
        setRequired(required.filter((r) => r !== c.field))
        c.down.props.delete(c.field)
        // Kept as a read: a custom request migration of this step may compute the new field.
        if (instruction.default !== undefined) {
          c.up.props.set(c.field, { ...c.up.props.get(c.field)!, fallback: instruction.default })
        }
        break
      }
      case 'field-removed': {
        need(false)
        props[c.field] = clone(instruction.was)
        if (instruction.required) setRequired([...required, c.field])
        c.down.props.set(c.field, {
          from: c.field,
          conv: childConv(instruction.was),
          ...(instruction.default !== undefined ? { fallback: instruction.default } : {}),
        })
        break
      }
      case 'field-renamed': {
        need(true)
        if (Object.hasOwn(props, instruction.from)) {
          _fail(
            'STRATA_ERR_CHANGE_FIELD_EXISTS',
            w,
            `the older name '${instruction.from}' is also a field at this version`,
            'rename from a name the newer schema does not use',
          )
        }
        c.shape.properties = Object.fromEntries(
          _renameKey(Object.entries(props), c.field, instruction.from, props[c.field]!),
        )
        setRequired(required.map((r) => (r === c.field ? instruction.from : r)))
        const d = c.down.props.get(c.field)!
        c.down.props = new Map(_renameKey(c.down.props, c.field, instruction.from, d))
        const u = c.up.props.get(c.field)!
        c.up.props.set(c.field, { ...u, from: instruction.from })
        break
      }
      case 'field-type-changed': {
        need(true)
        props[c.field] = clone(instruction.was)
        const d = c.down.props.get(c.field)!
        c.down.props.set(c.field, { ...d, conv: [{ kind: 'fn', fn: instruction.down }] })
        c.up.props.set(c.field, { from: c.field, conv: [{ kind: 'fn', fn: instruction.up }] })
        break
      }
      case 'field-made-required': {
        need(true)
        if (!required.includes(c.field))
          _fail(
            'STRATA_ERR_CHANGE_UNKNOWN_FIELD',
            w,
            `'${c.field}' is not required at this version`,
            'add it to `required` in the head schema, or drop the instruction',
          )
        setRequired(required.filter((r) => r !== c.field))
        c.up.props.set(c.field, { ...c.up.props.get(c.field)!, fallback: instruction.default })
        break
      }
      case 'field-made-optional': {
        need(true)
        if (required.includes(c.field))
          _fail(
            'STRATA_ERR_CHANGE_UNKNOWN_FIELD',
            w,
            `'${c.field}' is still required at this version`,
            'remove it from `required` in the head schema, or drop the instruction',
          )
        setRequired([...required, c.field])
        c.down.props.set(c.field, { ...c.down.props.get(c.field)!, fallback: instruction.default })
        break
      }
      case 'field-default-changed': {
        need(true)
        props[c.field] = { ...props[c.field], default: instruction.from }
        c.up.props.set(c.field, { ...c.up.props.get(c.field)!, fallback: { value: instruction.from } })
        break
      }
      case 'enum-value-added':
      case 'enum-value-removed': {
        need(true)
        const values = props[c.field]?.enum
        if (!Array.isArray(values))
          _fail(
            'STRATA_ERR_CHANGE_INVALID_ENUM',
            w,
            `'${c.field}' has no enum`,
            'declare `enum` on the field in the head schema',
          )
        const present = values.includes(instruction.value)
        if (instruction.kind === 'enum-value-added') {
          if (!present)
            _fail(
              'STRATA_ERR_CHANGE_INVALID_ENUM',
              w,
              `the enum has no value ${JSON.stringify(instruction.value)}`,
              'add the value to the head enum',
            )
          props[c.field] = _withoutConst(
            { ...props[c.field], enum: values.filter((v) => v !== instruction.value) },
            instruction.value,
          )
          const { value, fallback } = instruction
          const d = c.down.props.get(c.field)!
          c.down.props.set(c.field, {
            ...d,
            conv: [...d.conv, { kind: 'fn', fn: (v) => (v === value ? fallback : v) }],
          })
        } else {
          if (present)
            _fail(
              'STRATA_ERR_CHANGE_INVALID_ENUM',
              w,
              `the enum still has the value ${JSON.stringify(instruction.value)}`,
              'remove the value from the head enum',
            )
          props[c.field] = _withConst({ ...props[c.field], enum: [...values, instruction.value] }, instruction.value)
          const { value, mapTo } = instruction
          const u = c.up.props.get(c.field)!
          c.up.props.set(c.field, { ...u, conv: [{ kind: 'fn', fn: (v) => (v === value ? mapTo : v) }, ...u.conv] })
        }
        break
      }
    }
  }
  // The up map reads the older shape: its source is the older version's fields.
  up.source = Object.keys(propertiesOf(older) ?? {})
  return {
    older,
    down: childConv(shape, '', false, objectShape ? down : undefined),
    up: childConv(older, '', false, objectShape ? up : undefined),
    custom,
  }
}
