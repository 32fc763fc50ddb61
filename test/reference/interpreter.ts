import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import type { FieldInstruction, Instruction, JsonSchema, SchemaMigration } from '../../src/change/instruction.ts'
import { isFieldInstruction, normalize, olderShapes, refNameOf, type Shapes } from './schema-step.ts'
import { type ValueStep, walk } from './value-step.ts'

/**
 * A reference interpreter of the change ledger, deliberately simple and slow: it derives every
 * version's schemas on its own, one version at a time from head backwards, and converts values one
 * version step at a time. It shares no code with src/migrate; only the instruction types are common.
 *
 * @example
 * const ref = createReference({ versions: versions.versions, named: { Asset: Asset.schema } })
 * ref.responseDown(route.body, 0, headValue)
 */
export interface Reference {
  /** Index of head (the newest version). */
  readonly head: number
  /** Every named schema's shape at a version index (nested named schemas are `#/$defs/<name>` references). */
  shapesAt(index: number): Shapes
  /** A self-contained JSON Schema 2020-12 of a route schema at a version index. */
  schemaAt(root: JsonSchema, index: number): JsonSchema
  /**
   * Whether a request value is valid at a version index. Defaults of that version fill absent
   * fields first (so a required field with a default may be omitted), as Fastify and Strata do.
   */
  accepts(root: JsonSchema, index: number, value: unknown): boolean
  /**
   * A copy of a valid request value as validation at a version index leaves it: defaults filled in,
   * members the version does not declare dropped (MUST IGNORE).
   */
  asValidated(root: JsonSchema, index: number, value: unknown): unknown
  /** A request value of version `from` migrated up to head, one step at a time (oldest first). */
  requestUp(root: JsonSchema, from: number, value: unknown): unknown
  /** A response value of head migrated down to version `to`, one step at a time (newest first). */
  responseDown(root: JsonSchema, to: number, value: unknown): unknown
}

/** The ledger as the reference reads it: versions oldest first, each with its changes' instructions. */
export interface ReferenceInput {
  readonly versions: readonly { readonly changes?: readonly { readonly instructions: readonly Instruction[] }[] }[]
  /** Head named schemas by name: the very objects embedded in route schemas (`NamedSchema.schema`). */
  readonly named: Readonly<Record<string, JsonSchema>>
}

const _instructionsOf = (v: ReferenceInput['versions'][number]): Instruction[] =>
  (v.changes ?? []).flatMap((c) => [...c.instructions])

function _byName<T>(instructions: readonly Instruction[], pick: (i: Instruction) => [string, T] | undefined) {
  const out = new Map<string, T[]>()
  for (const ins of instructions) {
    const entry = pick(ins)
    if (entry !== undefined) out.set(entry[0], [...(out.get(entry[0]) ?? []), entry[1]])
  }
  return out
}

/**
 * Builds a reference interpreter for one ledger and its head named schemas.
 *
 * @example
 * createReference({ versions: [{}, { changes: [rename] }], named: { Asset: Asset.schema } })
 */
export function createReference(input: ReferenceInput): Reference {
  const nameOf = new Map<object, string>(Object.entries(input.named).map(([name, s]) => [s, name]))
  const head = input.versions.length - 1
  const instructions = input.versions.map(_instructionsOf)
  const shapes: Shapes[] = []
  shapes[head] = new Map(Object.entries(input.named).map(([name, s]) => [name, normalize(s, nameOf)]))
  for (let i = head; i >= 1; i--) shapes[i - 1] = olderShapes(shapes[i]!, instructions[i]!)
  const fields = instructions.map((list) =>
    _byName<FieldInstruction>(list, (i) => (isFieldInstruction(i) ? [i.schema, i] : undefined)),
  )
  const customs = instructions.map((list) =>
    _byName<SchemaMigration>(list, (i) => (i.kind === 'schema-migration' ? [i.schema, i.migration] : undefined)),
  )

  // A route schema is normalized once; named schemas it embeds by identity become references.
  const roots = new WeakMap<object, { node: JsonSchema; localDefs: Record<string, JsonSchema> }>()
  const rootOf = (root: JsonSchema) => {
    let r = roots.get(root)
    if (r === undefined) {
      const node = nameOf.has(root) ? { $ref: `#/$defs/${nameOf.get(root)}` } : normalize(root, nameOf)
      const defs = (node.$defs ?? {}) as Record<string, JsonSchema>
      // A `$defs` entry standing for a named schema is the named schema (at the version at hand).
      const localDefs = Object.fromEntries(Object.entries(defs).filter(([k, s]) => refNameOf(s) !== k))
      r = { node, localDefs }
      roots.set(root, r)
    }
    return r
  }

  // Branches are chosen without side effects; acceptance fills defaults.
  // ASSUMPTION: `default` fills absent fields before `required` is checked (Ajv `useDefaults`), the
  // documented behaviour of Strata's validation ("defaults of the client's version apply before
  // migration") and of Fastify's; strict JSON Schema would treat `default` as an annotation only.
  const ajv = new Ajv2020({ strict: false, allErrors: false })
  const filling = new Ajv2020({ strict: false, allErrors: false, useDefaults: true })
  const assemble = (node: JsonSchema, index: number, localDefs: Record<string, JsonSchema>): JsonSchema => ({
    ...node,
    $defs: { ...localDefs, ...Object.fromEntries(shapes[index]!) },
  })
  const validators = new WeakMap<object, Map<string, ValidateFunction>>()
  const validatorOf = (
    node: JsonSchema,
    index: number,
    localDefs: Record<string, JsonSchema>,
    fill = false,
  ): ValidateFunction => {
    let byIndex = validators.get(node)
    if (byIndex === undefined) {
      byIndex = new Map()
      validators.set(node, byIndex)
    }
    const key = `${index}${fill ? ' filling' : ''}`
    let validate = byIndex.get(key)
    if (validate === undefined) {
      validate = (fill ? filling : ajv).compile(assemble(node, index, localDefs))
      byIndex.set(key, validate)
    }
    return validate
  }
  const filled = (root: JsonSchema, index: number, value: unknown) => {
    const { node, localDefs } = rootOf(root)
    const copy = structuredClone(value)
    return { copy, valid: validatorOf(node, index, localDefs, true)(copy) === true }
  }

  const stepOf = (i: number, direction: 'request' | 'response', localDefs: Record<string, JsonSchema>): ValueStep => {
    // The version the value is at during this step: the older one on the way up, the newer one down.
    const at = direction === 'request' ? i - 1 : i
    return {
      direction,
      shapes: shapes[at]!,
      fields: fields[i]!,
      customs: customs[i]!,
      localDefs,
      pickBranch: (branches, value) => branches.find((b) => validatorOf(b, at, localDefs)(value) === true),
    }
  }

  return {
    head,
    shapesAt: (index) => shapes[index]!,
    schemaAt: (root, index) => {
      const { node, localDefs } = rootOf(root)
      return assemble(node, index, localDefs)
    },
    accepts: (root, index, value) => filled(root, index, value).valid,
    asValidated: (root, index, value) => {
      const { node, localDefs } = rootOf(root)
      // ASSUMPTION (MUST IGNORE): an object schema with `properties` and neither `additionalProperties`
      // nor `patternProperties` drops the members it does not declare; maps keep theirs.
      const ignore = (obj: Record<string, unknown>, schema: JsonSchema) => {
        const props = schema.properties as Record<string, unknown> | undefined
        if (props === undefined || 'additionalProperties' in schema || 'patternProperties' in schema) return
        for (const key of Object.keys(obj)) if (!Object.hasOwn(props, key)) delete obj[key]
      }
      const none = new Map()
      const step = { ...stepOf(index + 1, 'request', localDefs), fields: none, customs: none, visitObject: ignore }
      return walk(filled(root, index, value).copy, node, step)
    },
    requestUp: (root, from, value) => {
      const { node, localDefs } = rootOf(root)
      let v = structuredClone(value)
      for (let i = from + 1; i <= head; i++) v = walk(v, node, stepOf(i, 'request', localDefs))
      return v
    },
    responseDown: (root, to, value) => {
      const { node, localDefs } = rootOf(root)
      let v = structuredClone(value)
      for (let i = head; i > to; i--) v = walk(v, node, stepOf(i, 'response', localDefs))
      return v
    },
  }
}
