import { escapePointerToken, isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/parameter-rules.ts'
import type { DiffRun } from './diff-run.ts'
import { diffSchema } from './diff-schema.ts'
import { diffDeprecation, isoDate, removalKind } from './lifecycle.ts'
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

/** Compares the parameters of two versions of an operation (removed, added, required, style, schema). */
export function diffParameters(ctx: SchemaContext, oldSource: ParameterSource, newSource: ParameterSource): void {
  const run = ctx.run
  const oldParams = parametersOf(run, 'old', oldSource)
  const newParams = parametersOf(run, 'new', newSource)
  for (const [key, oldEntry] of oldParams) {
    const newEntry = newParams.get(key)
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
    const at = { ...ctx, label: labelOf(newParam), oldPointer: oldEntry.pointer, newPointer: newEntry.pointer }
    const wasRequired = oldParam.required === true
    const isRequired = newParam.required === true
    if (!wasRequired && isRequired) reportAt(at, rules.requestParameterBecameRequired, {})
    if (wasRequired && !isRequired) reportAt(at, rules.requestParameterBecameOptional, {})
    const oldStyle = styleOf(oldParam)
    const newStyle = styleOf(newParam)
    if (oldStyle !== newStyle)
      reportAt(at, rules.requestParameterStyleChanged, { from: `\`${oldStyle}\``, to: `\`${newStyle}\`` })
    diffDeprecation(at, oldParam, newParam)
    diffParameterSchema(at, oldEntry, newEntry)
  }
  for (const [key, newEntry] of newParams) {
    if (oldParams.has(key) || newEntry.parameter.in === 'path') continue
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
  return `${String(parameter.in)} parameter \`${String(parameter.name)}\``
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
