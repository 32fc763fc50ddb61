import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as propertyRules from '../rules/property-rules.ts'
import * as typeRules from '../rules/type-rules.ts'
import { diffComposition } from './diff-composition.ts'
import { type DiffRun, refName } from './diff-run.ts'
import { diffDefault, diffEnum, diffKeywords, diffLimits, diffPattern } from './diff-schema-values.ts'
import { effectiveSchema } from './effective-schema.ts'
import { diffDeprecation } from './lifecycle.ts'
import { pairUnambiguous } from './pair-leftovers.ts'
import { atPointers, descend, reportAt, type SchemaContext } from './schema-context.ts'
import {
  admitsNull,
  formatTypes,
  nullWrapper,
  type ObjectView,
  objectView,
  typesCover,
  typesOf,
} from './schema-view.ts'

/**
 * Compares two schemas (either may be a `$ref`) in one direction. A pair of `$ref`s is compared once
 * per direction; later uses only add their place to the shared findings, which also stops cycles.
 */
export function diffSchema(ctx: SchemaContext, oldNode: unknown, newNode: unknown, nullHandled = false): void {
  const run = ctx.run
  if (run.unchanged(oldNode, newNode)) return
  const oldResolved = run.resolve('old', oldNode)
  const newResolved = run.resolve('new', newNode)
  let inner = ctx
  if (oldResolved.ref !== undefined && newResolved.ref !== undefined) {
    if (!nullHandled && oldResolved.ref !== newResolved.ref) {
      // The `$ref` itself changed (`simple-user` -> `nullable-simple-user`): whether null is admitted
      // is news about the property that points elsewhere, not about either component.
      const nullable = (side: 'old' | 'new', node: unknown) => {
        const schema = asSchema(node)
        return nullWrapper(run, side, schema) !== undefined || admitsNull(schema)
      }
      diffNullability(ctx, nullable('old', oldResolved.node), nullable('new', newResolved.node))
      nullHandled = true
    }
    const key = `${ctx.direction}|${oldResolved.ref}|${newResolved.ref}|${ctx.exempt ?? ''}|${ctx.skipProperties}|${ctx.looseTypes}|${ctx.textWire && ctx.at === ''}|${nullHandled}`
    const { group, created } = run.enterGroup(key, refName(newResolved.ref), ctx.group, ctx.site)
    if (!created) return
    inner = { ...ctx, group, at: '', oldPointer: oldResolved.ref, newPointer: newResolved.ref }
  } else {
    inner = {
      ...ctx,
      oldPointer: oldResolved.ref ?? ctx.oldPointer,
      newPointer: newResolved.ref ?? ctx.newPointer,
    }
  }
  compareResolved(inner, asSchema(oldResolved.node), asSchema(newResolved.node), nullHandled)
}

/** Whether an old schema (followed through `$ref`s and null wrappers) admits null. */
function admitsNullAt(run: DiffRun, node: unknown): boolean {
  const schema = asSchema(run.resolve('old', node).node)
  return nullWrapper(run, 'old', schema) !== undefined || admitsNull(schema)
}

function asSchema(node: unknown): JsonObject {
  if (isJsonObject(node)) return node
  // JSON Schema booleans: `true` admits everything, `false` nothing.
  return node === false ? { not: {} } : {}
}

function compareResolved(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject, nullHandled: boolean) {
  if (oldSchema === newSchema && ctx.oldPointer === ctx.newPointer && ctx.run.oldDoc === ctx.run.newDoc) return
  const run = ctx.run
  const oldWrap = nullWrapper(run, 'old', oldSchema)
  const newWrap = nullWrapper(run, 'new', newSchema)
  if (!nullHandled)
    diffNullability(ctx, oldWrap !== undefined || admitsNull(oldSchema), newWrap !== undefined || admitsNull(newSchema))
  if (oldWrap !== undefined || newWrap !== undefined) {
    const oldInner = oldWrap?.inner ?? oldSchema
    const newInner = newWrap?.inner ?? newSchema
    const next = descend(
      ctx,
      oldWrap === undefined ? [] : [oldWrap.keyword, String(oldWrap.index)],
      newWrap === undefined ? [] : [newWrap.keyword, String(newWrap.index)],
    )
    diffSchema(next, oldInner, newInner, true)
    return
  }

  diffDeprecation(ctx, oldSchema, newSchema)
  // Inside a matched allOf member, what the member constrains is compared on the folded parent.
  if (!ctx.skipProperties) {
    const oldEffective = effectiveSchema(run, 'old', oldSchema)
    const newEffective = effectiveSchema(run, 'new', newSchema)
    if (!diffTypes(ctx, oldEffective, newEffective)) return
    diffEnum(ctx, oldEffective, newEffective)
    diffDefault(ctx, oldSchema, newSchema)
    diffLimits(ctx, oldEffective, newEffective)
    diffPattern(ctx, oldEffective, newEffective)
    diffProperties(ctx, oldSchema, newSchema)
    diffAdditionalProperties(ctx, oldEffective, newEffective)
    if (oldEffective.items !== undefined && newEffective.items !== undefined) {
      diffSchema(descend(ctx, ['items'], ['items'], '[]'), oldEffective.items, newEffective.items)
    }
  } else {
    diffDefault(ctx, oldSchema, newSchema)
  }
  diffComposition(ctx, oldSchema, newSchema)
  diffKeywords(ctx, oldSchema, newSchema)
}

function diffNullability(ctx: SchemaContext, oldNull: boolean, newNull: boolean) {
  if (oldNull === newNull) return
  if (ctx.direction === 'request') {
    reportAt(ctx, oldNull ? typeRules.requestBecameNotNullable : typeRules.requestBecameNullable, {})
  } else {
    reportAt(ctx, newNull ? typeRules.responseBecameNullable : typeRules.responseBecameNotNullable, {})
  }
}

/** Compares types and formats; returns false when the types no longer overlap (nothing deeper to compare). */
function diffTypes(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject): boolean {
  if (ctx.looseTypes) return true
  const oldTypes = typesOf(oldSchema)
  const newTypes = typesOf(newSchema)
  const untyped = (s: JsonObject) => s.allOf !== undefined || s.oneOf !== undefined || s.anyOf !== undefined
  if ((oldTypes === undefined && untyped(oldSchema)) || (newTypes === undefined && untyped(newSchema))) return true
  const from = formatTypes(oldTypes, oldSchema.format)
  const to = formatTypes(newTypes, newSchema.format)
  const sameTypes = typesCover(oldTypes, newTypes) && typesCover(newTypes, oldTypes)
  if (!sameTypes) {
    const textual = ctx.textWire && ctx.at === '' && ctx.direction === 'request'
    const widened = typesCover(newTypes, oldTypes) || (textual && textCovers(newTypes, oldTypes))
    const narrowed = typesCover(oldTypes, newTypes)
    if (ctx.direction === 'request')
      reportAt(ctx, widened ? typeRules.requestTypeWidened : typeRules.requestTypeChanged, { from, to })
    else reportAt(ctx, narrowed ? typeRules.responseTypeNarrowed : typeRules.responseTypeChanged, { from, to })
    if (oldTypes !== undefined && newTypes !== undefined && !widened && !narrowed) {
      return [...oldTypes].some((t) => newTypes.has(t) || (t === 'integer' && newTypes.has('number')))
    }
    return true
  }
  const oldFormat = oldSchema.format
  const newFormat = newSchema.format
  if (oldFormat === newFormat) return true
  const widened = formatCovers(newFormat, oldFormat)
  const narrowed = formatCovers(oldFormat, newFormat)
  if (ctx.direction === 'request')
    reportAt(ctx, widened ? typeRules.requestTypeWidened : typeRules.requestTypeChanged, { from, to })
  else reportAt(ctx, narrowed ? typeRules.responseTypeNarrowed : typeRules.responseTypeChanged, { from, to })
  return true
}

/** On the wire a parameter is text: a string parameter accepts what a number or boolean one did. */
function textCovers(outer: Set<string> | undefined, inner: Set<string> | undefined): boolean {
  if (outer === undefined || inner === undefined || !outer.has('string')) return false
  return [...inner].every((type) => outer.has(type) || ['integer', 'number', 'boolean'].includes(type))
}

const formatWidening: Record<string, string> = { int32: 'int64', float: 'double' }

/**
 * `int64` and `double` hold every number that travels between JSON implementations (RFC 7493, I-JSON:
 * IEEE 754 doubles), so adding them where there was no format refuses nothing clients could send.
 */
const widestFormats = new Set(['int64', 'double'])

function formatCovers(outer: unknown, inner: unknown): boolean {
  if (outer === undefined) return true
  if (inner === undefined) return typeof outer === 'string' && widestFormats.has(outer)
  return typeof inner === 'string' && formatWidening[inner] === outer
}

function diffProperties(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject) {
  const run = ctx.run
  const oldView = objectView(run, 'old', oldSchema, ctx.oldPointer)
  const newView = objectView(run, 'new', newSchema, ctx.newPointer)
  if (oldView.properties.size === 0 && newView.properties.size === 0) return
  // A union without properties of its own is compared member by member instead.
  const union = (schema: JsonObject, view: typeof oldView) =>
    view.properties.size === 0 && (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf))
  if (union(oldSchema, oldView) || union(newSchema, newView)) return
  // Clients never send readOnly properties and never receive writeOnly ones.
  const hidden = ctx.direction === 'request' ? 'readOnly' : 'writeOnly'
  const visible = (side: 'old' | 'new', schema: unknown) => run.object(side, schema)?.[hidden] !== true
  const request = ctx.direction === 'request'
  const renamed = renamedProperties(run, oldView, newView, visible)

  for (const [name, oldEntry] of oldView.properties) {
    const newName = renamed.get(name)
    if (newName !== undefined) {
      // Reported on the new side, unlike a removal: the property lives on under its new name.
      const child = atPointers(ctx, oldEntry.pointer, newView.properties.get(newName)!.pointer, name)
      const rule = request ? propertyRules.requestPropertyRenamed : propertyRules.responsePropertyRenamed
      reportAt(child, rule, { from: `\`${name}\``, to: `\`${newName}\`` })
      continue
    }
    const newEntry = newView.properties.get(name)
    const child = atPointers(ctx, oldEntry.pointer, newEntry?.pointer ?? oldEntry.pointer, name)
    const wasVisible = visible('old', oldEntry.schema)
    if (newEntry === undefined || !visible('new', newEntry.schema)) {
      if (wasVisible) {
        reportAt(
          child,
          request ? propertyRules.requestPropertyRemoved : propertyRules.responsePropertyRemoved,
          {},
          'old',
        )
        continue
      }
      if (newEntry === undefined) continue
    }
    const wasRequired = oldView.required.has(name)
    const isRequired = newView.required.has(name)
    // A readOnly property may still be echoed back (read-modify-write), so its schema is compared.
    if (wasVisible && wasRequired !== isRequired) {
      const rule = request
        ? isRequired
          ? propertyRules.requestPropertyBecameRequired
          : propertyRules.requestPropertyBecameOptional
        : isRequired
          ? propertyRules.responsePropertyBecameRequired
          : admitsNullAt(run, oldEntry.schema)
            ? propertyRules.responseNullablePropertyBecameOptional
            : propertyRules.responsePropertyBecameOptional
      reportAt(child, rule, {})
    }
    diffSchema(child, oldEntry.schema, newEntry.schema)
  }
  const renamedTo = new Set(renamed.values())
  for (const [name, newEntry] of newView.properties) {
    if (renamedTo.has(name)) continue
    const oldEntry = oldView.properties.get(name)
    if ((oldEntry !== undefined && visible('old', oldEntry.schema)) || !visible('new', newEntry.schema)) continue
    const child = atPointers(ctx, newEntry.pointer, newEntry.pointer, name)
    if (!request) reportAt(child, propertyRules.responsePropertyAdded, {})
    else if (newView.required.has(name)) reportAt(child, propertyRules.requestRequiredPropertyAdded, {})
    else reportAt(child, propertyRules.requestOptionalPropertyAdded, {})
  }
}

/**
 * Pairs the visible properties found on one side only that have the same schema and requiredness:
 * each such old name is renamed to the new one, when the pairing is unambiguous.
 */
function renamedProperties(
  run: DiffRun,
  oldView: ObjectView,
  newView: ObjectView,
  visible: (side: 'old' | 'new', schema: unknown) => boolean,
): Map<string, string> {
  const onlyIn = (side: 'old' | 'new', view: ObjectView, other: ObjectView) =>
    [...view.properties]
      .filter(([name, entry]) => !other.properties.has(name) && visible(side, entry.schema))
      .map(([name]) => name)
  // A schema that properties staying in the object share (`core`, `search`, ... all `rate-limit`) says
  // nothing about which property a new one replaces: a removal beside an addition of it is no rename.
  const staying = [...newView.properties].filter(([name]) => oldView.properties.has(name))
  const distinctive = (schema: unknown) => !staying.some(([, entry]) => run.unchanged(schema, entry.schema))
  return pairUnambiguous(onlyIn('old', oldView, newView), onlyIn('new', newView, oldView), (oldName, newName) => {
    const schema = oldView.properties.get(oldName)!.schema
    return (
      oldView.required.has(oldName) === newView.required.has(newName) &&
      run.unchanged(schema, newView.properties.get(newName)!.schema) &&
      distinctive(schema)
    )
  })
}

function diffAdditionalProperties(ctx: SchemaContext, oldSchema: JsonObject, newSchema: JsonObject) {
  const oldValue = oldSchema.additionalProperties
  const newValue = newSchema.additionalProperties
  if (isJsonObject(oldValue) && isJsonObject(newValue)) {
    diffSchema(descend(ctx, ['additionalProperties'], ['additionalProperties'], '*'), oldValue, newValue)
    return
  }
  const open = (value: unknown) =>
    value === undefined || value === true || (isJsonObject(value) && Object.keys(value).length === 0)
  const oldOpen = open(oldValue)
  const newOpen = open(newValue)
  if (
    ctx.direction === 'request' &&
    oldOpen &&
    !newOpen &&
    (newSchema.properties !== undefined || newValue === false)
  ) {
    reportAt(descend(ctx, ['additionalProperties']), propertyRules.requestAdditionalPropertiesRestricted, {})
  } else if (ctx.direction === 'response' && oldValue === false && newValue !== false) {
    reportAt(ctx, propertyRules.responseAdditionalPropertiesAllowed, {})
  }
}
