import { escapePointerToken, isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/parameter-rules.ts'
import type { DiffRun } from './diff-run.ts'
import { diffSchema } from './diff-schema.ts'
import { diffDeprecation, isoDate, removalKind } from './lifecycle.ts'
import { pairUnambiguous } from './pair-leftovers.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'
import { typesOf } from './schema-view.ts'

/** A parameter of an operation, merged from the path item and the operation. */
interface ParameterEntry {
  readonly parameter: JsonObject
  readonly pointer: string
}

/** The side of an operation whose parameters are read. */
export interface ParameterSource {
  readonly pathItem: JsonObject
  readonly operation: JsonObject
  readonly pathPointer: string
  readonly operationPointer: string
  /** The path template, to match path parameters by position rather than by name. */
  readonly template: string
}

// OpenAPI ignores these header parameters: they are described elsewhere in the document.
const ignoredHeaders = new Set(['accept', 'content-type', 'authorization'])

/**
 * Compares the parameters of two versions of an operation: removed, renamed, moved, added, required,
 * style, schema.
 */
export function diffParameters(ctx: SchemaContext, oldSource: ParameterSource, newSource: ParameterSource): void {
  const run = ctx.run
  const oldParams = parametersOf(run, 'old', oldSource)
  const newParams = parametersOf(run, 'new', newSource)
  const { moved, renamed } = pairLeftovers(run, oldParams, newParams)
  for (const [key, oldEntry] of oldParams) {
    const newEntry = newParams.get(moved.get(key) ?? renamed.get(key) ?? key)
    const oldParam = oldEntry.parameter
    const label = labelOf(oldParam)
    if (newEntry === undefined) {
      if (oldParam.in === 'path') continue
      const at = { ...ctx, label, oldPointer: oldEntry.pointer, newPointer: oldEntry.pointer }
      const removal = removalKind(oldParam, run.now)
      if (removal.kind === 'after-deprecation') reportAt(at, rules.requestParameterRemovedAfterDeprecation, {}, 'old')
      else {
        const detail = removal.sunset === undefined ? '' : ` before its announced sunset ${isoDate(removal.sunset)}`
        reportAt(at, rules.requestParameterRemoved, { detail }, 'old')
      }
      continue
    }
    const newParam = newEntry.parameter
    // Unlike a removal, a rename or a move is reported on the new side: the parameter lives on in the
    // new document, and its new pointer shows what clients must send now (the message names the old).
    const pairAt = { ...ctx, label, oldPointer: oldEntry.pointer, newPointer: newEntry.pointer }
    if (renamed.has(key)) {
      reportAt(pairAt, rules.requestParameterRenamed, { from: nameOf(oldParam), to: nameOf(newParam) })
      continue
    }
    if (moved.has(key)) {
      reportAt(pairAt, rules.requestParameterMoved, { from: placeOf(oldParam), to: placeOf(newParam) })
    }
    diffParameterPair({ ...pairAt, label: labelOf(newParam) }, oldEntry, newEntry)
  }
  const paired = new Set([...moved.values(), ...renamed.values()])
  for (const [key, newEntry] of newParams) {
    if (oldParams.has(key) || paired.has(key) || newEntry.parameter.in === 'path') continue
    const at = {
      ...ctx,
      label: labelOf(newEntry.parameter),
      oldPointer: newEntry.pointer,
      newPointer: newEntry.pointer,
    }
    const rule =
      newEntry.parameter.required === true ? rules.requiredRequestParameterAdded : rules.optionalRequestParameterAdded
    reportAt(at, rule, {})
  }
}

/** Compares a matched (or moved) pair of parameters: required, style, deprecation, schema. */
function diffParameterPair(ctx: SchemaContext, oldEntry: ParameterEntry, newEntry: ParameterEntry) {
  const oldParam = oldEntry.parameter
  const newParam = newEntry.parameter
  const wasRequired = oldParam.required === true
  const isRequired = newParam.required === true
  if (!wasRequired && isRequired) reportAt(ctx, rules.requestParameterBecameRequired, {})
  if (wasRequired && !isRequired) reportAt(ctx, rules.requestParameterBecameOptional, {})
  const oldStyle = styleOf(oldParam)
  const newStyle = styleOf(newParam)
  // Each location serialises in its own styles: for a moved parameter the move is the change to report.
  if (oldStyle !== newStyle && oldParam.in === newParam.in)
    reportAt(ctx, rules.requestParameterStyleChanged, { from: `\`${oldStyle}\``, to: `\`${newStyle}\`` })
  diffDeprecation(ctx, oldParam, newParam)
  diffParameterSchema(ctx, oldEntry, newEntry)
}

/**
 * Pairs the parameters left without a counterpart: the same name in another location is a move; then
 * the same definition under another name in the same location is a rename. Path parameters are
 * matched by position already, and a deprecated parameter past its sunset may simply go away.
 */
function pairLeftovers(
  run: DiffRun,
  oldParams: Map<string, ParameterEntry>,
  newParams: Map<string, ParameterEntry>,
): { moved: Map<string, string>; renamed: Map<string, string> } {
  const param = (params: Map<string, ParameterEntry>, key: string) => params.get(key)!.parameter
  const unmatched = (params: Map<string, ParameterEntry>, others: Map<string, ParameterEntry>) =>
    [...params.keys()].filter((key) => !others.has(key) && param(params, key).in !== 'path')
  const oldKeys = unmatched(oldParams, newParams).filter(
    (key) => removalKind(param(oldParams, key), run.now).kind !== 'after-deprecation',
  )
  const newKeys = unmatched(newParams, oldParams)
  const moved = pairUnambiguous(oldKeys, newKeys, (o, n) => sameName(param(oldParams, o), param(newParams, n)))
  const movedTo = new Set(moved.values())
  const renamed = pairUnambiguous(
    oldKeys.filter((key) => !moved.has(key)),
    newKeys.filter((key) => !movedTo.has(key)),
    (o, n) => sameDefinition(run, param(oldParams, o), param(newParams, n)),
  )
  return { moved, renamed }
}

/** Whether two parameters in different locations have the same name (header names ignore case). */
function sameName(a: JsonObject, b: JsonObject): boolean {
  if (a.in === b.in) return false
  const header = a.in === 'header' || b.in === 'header'
  const name = (p: JsonObject) => (header ? String(p.name).toLowerCase() : String(p.name))
  return name(a) === name(b)
}

/** Whether two parameters are the same apart from their name: location, requiredness, style, schema. */
function sameDefinition(run: DiffRun, a: JsonObject, b: JsonObject): boolean {
  if (a.in !== b.in || (a.required === true) !== (b.required === true) || styleOf(a) !== styleOf(b)) return false
  const aSchema = schemaOf(a)
  const bSchema = schemaOf(b)
  return (
    aSchema !== undefined &&
    bSchema !== undefined &&
    aSchema.key === bSchema.key &&
    run.unchanged(aSchema.schema, bSchema.schema)
  )
}

function diffParameterSchema(ctx: SchemaContext, oldEntry: ParameterEntry, newEntry: ParameterEntry) {
  const oldSchema = schemaOf(oldEntry.parameter)
  const newSchema = schemaOf(newEntry.parameter)
  if (oldSchema === undefined || newSchema === undefined) return
  const at = {
    ...ctx,
    oldPointer: `${oldEntry.pointer}/${oldSchema.key}`,
    newPointer: `${newEntry.pointer}/${newSchema.key}`,
    textWire: true,
  }
  const run = ctx.run
  const oldResolved = run.object('old', oldSchema.schema)
  const newResolved = run.object('new', newSchema.schema)
  // A form-exploded query array of one item is written like a scalar: scalar -> array of it is widening.
  if (
    oldResolved !== undefined &&
    newResolved !== undefined &&
    newEntry.parameter.in === 'query' &&
    styleOf(newEntry.parameter) === 'form,explode' &&
    typesOf(newResolved)?.has('array') === true &&
    typesOf(newResolved)?.size === 1 &&
    typesOf(oldResolved)?.has('array') === false &&
    newResolved.items !== undefined &&
    !(typeof newResolved.minItems === 'number' && newResolved.minItems > 1)
  ) {
    diffSchema({ ...at, newPointer: `${at.newPointer}/items` }, oldSchema.schema, newResolved.items)
    return
  }
  diffSchema(at, oldSchema.schema, newSchema.schema)
}

function schemaOf(parameter: JsonObject): { schema: unknown; key: string } | undefined {
  if (parameter.schema !== undefined) return { schema: parameter.schema, key: 'schema' }
  if (!isJsonObject(parameter.content)) return undefined
  const [mediaType, media] = Object.entries(parameter.content)[0] ?? []
  if (mediaType === undefined || !isJsonObject(media) || media.schema === undefined) return undefined
  return { schema: media.schema, key: `content/${escapePointerToken(mediaType)}/schema` }
}

function styleOf(parameter: JsonObject): string {
  const defaultStyle = parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple'
  const style = typeof parameter.style === 'string' ? parameter.style : defaultStyle
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form'
  return `${style}${explode ? ',explode' : ''}`
}

function labelOf(parameter: JsonObject): string {
  return `${String(parameter.in)} parameter ${nameOf(parameter)}`
}

function nameOf(parameter: JsonObject): string {
  return `\`${String(parameter.name)}\``
}

/** Where a parameter travels, for messages: "query string", "header", "cookie". */
function placeOf(parameter: JsonObject): string {
  return parameter.in === 'query' ? 'query string' : String(parameter.in)
}

function parametersOf(run: DiffRun, side: 'old' | 'new', source: ParameterSource): Map<string, ParameterEntry> {
  const out = new Map<string, ParameterEntry>()
  const pathNames = [...source.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return
    list.forEach((raw, index) => {
      const resolved = run.resolve(side, raw)
      const parameter = resolved.node
      if (!isJsonObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return
      if (parameter.in === 'header' && ignoredHeaders.has(parameter.name.toLowerCase())) return
      let key = `${parameter.in}:${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`
      if (parameter.in === 'path') {
        const position = pathNames.indexOf(parameter.name)
        key = `path:#${position === -1 ? parameter.name : position}`
      }
      out.set(key, { parameter, pointer: resolved.ref ?? `${pointer}/parameters/${index}` })
    })
  }
  add(source.pathItem.parameters, source.pathPointer)
  add(source.operation.parameters, source.operationPointer)
  return out
}
