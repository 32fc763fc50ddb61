import type { Change } from '../change/index.ts'
import type { FieldInstruction, Instruction, JsonSchema, SchemaMigration } from '../change/instruction.ts'
import { StrataError } from '../error/index.ts'
import type { ApiVersion } from '../version/index.ts'
import { type Converter, compileConv, type Direction } from './codegen.ts'
import { type Conv, composeConvs, openConv } from './conv.ts'
import { type SchemaStep, stepSchema } from './step.ts'

/** Every schema's shape at every version, and the compiled converters between versions. */
export interface Ledger {
  /** Versions oldest first; the last is head. */
  readonly versions: readonly ApiVersion[]
  /** The shape of a schema at the version with this index, or `undefined` if unknown. */
  shape(name: string, index: number): JsonSchema | undefined
  /**
   * The converter of a schema's objects between two versions (down when `from > to`), or
   * `undefined` when nothing changes between them.
   */
  converter(name: string, from: number, to: number, open?: boolean): Converter | undefined
  /** The index of the version that introduces a change. */
  indexOf(change: Change): number | undefined
  /** The instructions of the version with this index. */
  instructionsAt(index: number): readonly Instruction[]
}

const isField = (i: Instruction): i is FieldInstruction => 'path' in i && 'schema' in i

function _checkConflicts(instructions: readonly Instruction[], version: string): void {
  const seen = new Map<string, string>()
  for (const i of instructions) {
    if (!isField(i)) continue
    const key = `${i.schema}.${i.path}`
    const before = seen.get(key)
    const exclusive = (k: string) => k === 'field-added' || k === 'field-removed'
    if (before !== undefined && (before === i.kind || exclusive(before) || exclusive(i.kind))) {
      throw new StrataError(
        'STRATA_ERR_CHANGE_CONFLICT',
        `Version ${version} both ${before} and ${i.kind} ${key}; keep one instruction per field and version, or move one to another version.`,
      )
    }
    seen.set(key, i.kind)
  }
}

/**
 * Compiles the ledger: walks from head to the oldest version applying each version's
 * instructions to every schema they name, and checks each against the shape it targets.
 *
 * @example
 * const ledger = compileLedger(versions.versions, new Map([['Asset', assetShape]]))
 * const down = ledger.converter('Asset', 2, 0)
 */
export function compileLedger(versions: readonly ApiVersion[], head: ReadonlyMap<string, JsonSchema>): Ledger {
  const n = versions.length
  const changeIndex = new Map<Change, number>()
  const names = new Map<string, string>()
  const instructions: Instruction[][] = versions.map((v, i) => {
    const list: Instruction[] = []
    for (const change of v.changes ?? []) {
      const other = names.get(change.name)
      if (changeIndex.has(change) || other !== undefined) {
        throw new StrataError(
          'STRATA_ERR_CHANGE_DUPLICATE',
          `Change '${change.name}' appears in version ${v.id} and ${other ?? 'again in the same version'}; attach each change to one version, with a unique name.`,
        )
      }
      if (i === 0 && change.instructions.length > 0) {
        throw new StrataError(
          'STRATA_ERR_CHANGE_CONFLICT',
          `Change '${change.name}' is attached to ${v.id}, the oldest version, so there is no older version to migrate to; attach it to the version that introduced it.`,
        )
      }
      changeIndex.set(change, i)
      names.set(change.name, v.id)
      list.push(...change.instructions)
    }
    _checkConflicts(list, v.id)
    return list
  })

  // Instructions naming schemas outside `head` belong to other routes; checkLedger covers them.
  // shapes[i]: name -> shape at version i; steps[i]: name -> step from version i to i - 1.
  const shapes: Map<string, JsonSchema>[] = Array.from({ length: n }, () => new Map())
  const steps: Map<string, SchemaStep>[] = Array.from({ length: n }, () => new Map())
  shapes[n - 1] = new Map(head)
  for (let i = n - 1; i >= 1; i--) {
    const fieldsBySchema = new Map<string, FieldInstruction[]>()
    const customBySchema = new Map<string, SchemaMigration[]>()
    for (const ins of instructions[i]!) {
      if (isField(ins)) fieldsBySchema.set(ins.schema, [...(fieldsBySchema.get(ins.schema) ?? []), ins])
      else if (ins.kind === 'schema-migration')
        customBySchema.set(ins.schema, [...(customBySchema.get(ins.schema) ?? []), ins.migration])
    }
    for (const [name, shape] of shapes[i]!) {
      const fields = fieldsBySchema.get(name) ?? []
      const custom = customBySchema.get(name) ?? []
      const step = stepSchema(shape, fields, custom, name, versions[i]!.id)
      steps[i]!.set(name, step)
      shapes[i - 1]!.set(name, step.older)
    }
  }

  const cache = new Map<string, Converter | undefined>()
  const converter = (name: string, from: number, to: number, open = false): Converter | undefined => {
    if (from === to || !head.has(name)) return undefined
    const key = `${name}|${from}|${to}|${open}`
    if (cache.has(key)) return cache.get(key)
    let real: Converter | undefined
    // Recursive schemas reach themselves: hand out a trampoline until the real converter exists.
    cache.set(key, (v) => (real === undefined ? v : real(v)))
    real = _build(name, from, to, open)
    cache.set(key, real)
    return real
  }

  const _build = (name: string, from: number, to: number, open: boolean): Converter | undefined => {
    const direction: Direction = from > to ? 'response' : 'request'
    const parts: Converter[] = []
    let conv: Conv = []
    let segFrom = from
    const flush = (segTo: number): void => {
      if (conv.length === 0) return
      const a = segFrom
      const fn = compileConv(open ? openConv(conv) : conv, direction, {
        converter: (child, childOpen) => converter(child, a, segTo, childOpen),
        shape: (child) => shapes[a]?.get(child),
      })
      if (fn !== undefined) parts.push(fn)
      conv = []
    }
    const indices = direction === 'response' ? range(from, to + 1, -1) : range(from + 1, to, 1)
    for (const i of indices) {
      const step = steps[i]!.get(name)
      if (step === undefined) continue
      const boundary = direction === 'response' ? i : i - 1
      const customs = step.custom
        .map((c) => (direction === 'response' ? c.response : c.request))
        .filter((f) => f !== undefined)
      if (customs.length > 0) {
        flush(boundary)
        parts.push(...(customs as Converter[]))
        segFrom = boundary
      }
      conv = composeConvs(conv, direction === 'response' ? step.down : step.up)
    }
    flush(to)
    if (parts.length === 0) return undefined
    if (parts.length === 1) return parts[0]
    return (v) => parts.reduce((acc, fn) => fn(acc), v)
  }

  return {
    versions,
    shape: (name, index) => shapes[index]?.get(name),
    converter,
    indexOf: (change) => changeIndex.get(change),
    instructionsAt: (index) => instructions[index] ?? [],
  }
}

function range(start: number, end: number, step: 1 | -1): number[] {
  const out: number[] = []
  for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i)
  return out
}

/**
 * Checks that every instruction of the ledger reaches something: each schema it names is used by
 * a route, and each endpoint it names is served (at the path it had in that version).
 *
 * @example
 * checkLedger(versions.versions, new Set(['Asset']), [{ method: 'GET', path: '/assets/:id' }])
 */
export function checkLedger(
  versions: readonly ApiVersion[],
  schemas: ReadonlySet<string>,
  endpoints: readonly { method: string; path: string }[],
): void {
  const known = new Set(endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`))
  for (const v of versions) {
    for (const change of v.changes ?? []) {
      for (const i of change.instructions) {
        const name = isField(i) || i.kind === 'schema-migration' ? i.schema : undefined
        if (name !== undefined && !schemas.has(name)) {
          throw new StrataError(
            'STRATA_ERR_CHANGE_UNKNOWN_SCHEMA',
            `Change '${change.name}' (version ${v.id}) names the schema '${name}', which no route uses; known schemas: ${[...schemas].join(', ') || 'none'}. Register it with defineSchema and use it in a route schema, or fix the name.`,
          )
        }
        if ('method' in i) {
          const from = i.kind === 'endpoint-renamed' ? i.from : undefined
          if (from !== undefined) known.add(`${from.method} ${from.path}`)
          if (!known.has(`${i.method} ${i.path}`)) {
            throw new StrataError(
              'STRATA_ERR_CHANGE_UNKNOWN_ENDPOINT',
              `Change '${change.name}' (version ${v.id}) names the endpoint ${i.method} ${i.path}, which no route serves; routes: ${[...known].join(', ') || 'none'}.`,
            )
          }
        }
      }
    }
  }
}
