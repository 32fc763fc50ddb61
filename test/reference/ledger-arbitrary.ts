import { schema } from '../../src/change/index.ts'
import type { Instruction, JsonSchema, ValueConverter } from '../../src/change/instruction.ts'
import { DISCRIMINATOR, type HeadCase } from './head-arbitrary.ts'
import { normalize, olderShapes, refNameOf, type Shapes } from './schema-step.ts'
import { bool, type Draw, int, pick, validValue } from './value-arbitrary.ts'

// Random ledgers that fit their schemas: built from head backwards, each version's instructions drawn
// against the shapes of that version (derived by the reference), so every instruction names a field
// that exists (or, for `removed` and renames, a name that does not).

/** The instruction kinds a generated ledger may use; all of them unless a test narrows it. */
export const KINDS = [
  'renamed',
  'added',
  'removed',
  // A field replaced by another in one step: `added` and `removed` in the same object.
  'replaced',
  'typeChanged',
  'madeRequired',
  'madeOptional',
  'defaultChanged',
  'enumValueAdded',
  'enumValueRemoved',
  'custom',
] as const
export type Kind = (typeof KINDS)[number]

/**
 * The kinds that convert nothing on the way up (README: "-" in the request column): a ledger of only
 * these must still be validated at each older version (issue 10, defect 4).
 */
export const RESPONSE_ONLY: readonly Kind[] = ['enumValueAdded', 'madeOptional']

/** Type changes of primitives: the older type and total converters both ways (named, for reports). */
const CONVERSIONS: Record<string, { was: JsonSchema; down: ValueConverter; up: ValueConverter }[]> = {
  integer: [
    {
      was: { type: 'string' },
      down: function intToText(v) {
        return String(v)
      },
      up: function textLength(v) {
        return typeof v === 'string' ? v.length : 0
      },
    },
  ],
  string: [
    {
      was: { type: 'integer' },
      down: function textLength(v) {
        return typeof v === 'string' ? v.length : 0
      },
      up: function intToText(v) {
        return `n${String(v)}`
      },
    },
    {
      was: { type: 'boolean' },
      down: function isEmpty(v) {
        return v === ''
      },
      up: function flag(v) {
        return v === true ? 't' : 'f'
      },
    },
  ],
  boolean: [
    {
      was: { type: 'string' },
      down: function yesNo(v) {
        return v === true ? 'yes' : 'no'
      },
      up: function isYes(v) {
        return v === 'yes'
      },
    },
  ],
}

type _Props = Record<string, JsonSchema>

/** Every inline object of a shape an instruction path can reach: `''`, `a.`, `a[].` … */
function _targets(shape: JsonSchema, prefix = ''): { prefix: string; node: JsonSchema }[] {
  const out = [{ prefix, node: shape }]
  for (const [key, child] of Object.entries((shape.properties ?? {}) as _Props)) {
    if (typeof child.properties === 'object') out.push(..._targets(child, `${prefix}${key}.`))
    const items = child.items as JsonSchema | undefined
    if (child.type === 'array' && typeof items?.properties === 'object') {
      out.push(..._targets(items, `${prefix}${key}[].`))
    }
  }
  return out
}

const _primitive = (s: JsonSchema | undefined) =>
  s !== undefined && ['string', 'integer', 'boolean'].includes(s.type as string) && !('const' in s)

/** Named schemas a route schema reaches (through every position), given the shapes of one version. */
export function reachable(root: JsonSchema, named: Readonly<Record<string, JsonSchema>>): string[] {
  const nameOf = new Map<object, string>(Object.entries(named).map(([n, s]) => [s, n]))
  const shapes = new Map(Object.entries(named).map(([n, s]) => [n, normalize(s, nameOf)]))
  const seen = new Set<string>()
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return
    const name = nameOf.get(node) ?? refNameOf(node)
    if (name !== undefined && shapes.has(name)) {
      if (seen.has(name)) return
      seen.add(name)
      visit(shapes.get(name))
      return
    }
    for (const child of Object.values(node)) visit(child)
  }
  visit(root)
  return [...seen]
}

/** One version's instructions, drawn against the shapes of that version. */
function _step(
  g: Draw,
  shapes: Shapes,
  names: readonly string[],
  kinds: readonly Kind[],
  fresh: () => number,
): Instruction[] {
  const out: Instruction[] = []
  const touched = new Map<string, string[]>()
  const custom = new Set<string>()
  const clash = (name: string, path: string) =>
    custom.has(name) ||
    (touched.get(name) ?? []).some((t) => t === path || t.startsWith(`${path}.`) || path.startsWith(`${t}.`))
  for (let n = int(g, 0, 3); n > 0; n--) {
    const name = pick(g, names)
    const shape = shapes.get(name)!
    const { prefix, node } = pick(g, _targets(shape))
    const props = (node.properties ?? {}) as _Props
    const required = (node.required ?? []) as string[]
    const kind = pick(g, kinds)
    const fields = Object.keys(props).filter(
      (f) => !(prefix === '' && f === DISCRIMINATOR) && !clash(name, `${prefix}${f}`.replaceAll('[]', '')),
    )
    const eligible = fields.filter((f) => {
      const s = props[f]!
      if (kind === 'typeChanged' || kind === 'defaultChanged') return _primitive(s) && !Array.isArray(s.enum)
      if (kind === 'madeRequired') return required.includes(f) && _primitive(s)
      if (kind === 'madeOptional') return !required.includes(f) && _primitive(s)
      if (kind === 'enumValueAdded') return Array.isArray(s.enum) && s.enum.length >= 2
      if (kind === 'enumValueRemoved') return Array.isArray(s.enum)
      if (kind === 'custom') return prefix === '' && _primitive(s) && s.type === 'string' && !Array.isArray(s.enum)
      return true
    })
    if (kind === 'custom') {
      if (eligible.length === 0 || touched.has(name)) continue
      const f = pick(g, eligible)
      custom.add(name)
      out.push(
        schema(name).migrate<Record<string, unknown>, Record<string, unknown>>({
          request: (o) => (typeof o[f] === 'string' ? { ...o, [f]: `${o[f]}^` } : o),
          response: (o) => (typeof o[f] === 'string' ? { ...o, [f]: `${o[f]}v` } : o),
        }),
      )
      continue
    }
    const remove = () => {
      const f = `x${fresh()}`
      if (clash(name, `${prefix}${f}`.replaceAll('[]', ''))) return
      const was = pick(g, [{ type: 'string' }, { type: 'integer' }, { type: 'boolean' }])
      const dflt = bool(g) ? { default: validValue(g, was, {}) } : {}
      out.push(
        schema(name)
          .field(`${prefix}${f}`)
          .removed({ was, required: bool(g), ...dflt }),
      )
      touched.set(name, [...(touched.get(name) ?? []), `${prefix}${f}`.replaceAll('[]', '')])
    }
    if (kind === 'removed') {
      remove()
      continue
    }
    if (eligible.length === 0) continue
    const f = pick(g, eligible)
    const s = props[f]!
    const field = schema(name).field(`${prefix}${f}`)
    const value = () => validValue(g, s, {})
    touched.set(name, [...(touched.get(name) ?? []), `${prefix}${f}`.replaceAll('[]', '')])
    if (kind === 'renamed') out.push(field.renamedFrom(`x${fresh()}`))
    else if (kind === 'added' || kind === 'replaced') {
      out.push(field.added(_primitive(s) && bool(g) ? { default: value() } : {}))
      if (kind === 'replaced') remove()
    } else if (kind === 'typeChanged') out.push(field.typeChanged(pick(g, CONVERSIONS[s.type as string]!)))
    else if (kind === 'madeRequired') out.push(field.madeRequired({ default: value() }))
    else if (kind === 'madeOptional') out.push(field.madeOptional({ default: value() }))
    else if (kind === 'defaultChanged') out.push(field.defaultChanged({ from: value() }))
    else {
      const values = s.enum as unknown[]
      if (kind === 'enumValueAdded') {
        const v = pick(g, values)
        out.push(
          field.enumValueAdded(v, {
            fallback: pick(
              g,
              values.filter((x) => x !== v),
            ),
          }),
        )
      } else out.push(field.enumValueRemoved(`z${fresh()}`, { mapTo: pick(g, values) }))
    }
  }
  return out
}

/**
 * Draws a ledger of two to four versions for a head: the instructions of every version, oldest first
 * (the oldest has none).
 *
 * @example
 * const instructions = ledgerOf(g, head)
 */
export function ledgerOf(g: Draw, head: HeadCase, narrow?: readonly Kind[]): Instruction[][] {
  // One ledger in four is additive only: nothing converts on the way up, yet old requests differ.
  const kinds = narrow ?? (int(g, 0, 3) === 3 ? RESPONSE_ONLY : KINDS)
  const names = reachable(head.root, head.named)
  const nameOf = new Map<object, string>(Object.entries(head.named).map(([n, s]) => [s, n]))
  let shapes: Shapes = new Map(Object.entries(head.named).map(([n, s]) => [n, normalize(s, nameOf)]))
  let next = 0
  const fresh = () => next++
  const steps: Instruction[][] = []
  for (let i = int(g, 1, 3); i > 0; i--) {
    const step = names.length > 0 ? _step(g, shapes, names, kinds, fresh) : []
    steps.unshift(step)
    shapes = olderShapes(shapes, step)
  }
  return [[], ...steps]
}
