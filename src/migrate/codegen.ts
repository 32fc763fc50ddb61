import { type Conv, isIdentityConv, isIdentityMap, type ObjMap } from './conv.ts'

/** A compiled converter of one value. */
export type Converter = (value: unknown) => unknown

/** Resolves a named schema's converter for the segment being compiled; `undefined` means identity. */
export type NamedResolver = (name: string) => Converter | undefined

/**
 * `response` builds every target object as one object literal (monomorphic, no `delete`);
 * `request` copies only the properties the client sent, so partial bodies stay partial.
 */
export type Direction = 'request' | 'response'

class _Emitter {
  readonly helpers: unknown[] = []
  readonly lines: string[] = []
  #next = 0
  constructor(
    readonly direction: Direction,
    readonly named: NamedResolver,
  ) {}
  helper(value: unknown): string {
    this.helpers.push(value)
    return `H[${this.helpers.length - 1}]`
  }
  isIdentity = (name: string): boolean => this.named(name) === undefined
  /** Returns the name of a local function implementing `conv`, or undefined for identity. */
  conv(conv: Conv): string | undefined {
    if (isIdentityConv(conv, this.isIdentity)) return undefined
    const steps: string[] = []
    for (const stage of conv) {
      if (stage.kind === 'fn') steps.push(this.helper(stage.fn))
      else if (stage.kind === 'named') {
        const fn = this.named(stage.name)
        if (fn !== undefined) steps.push(this.helper(fn))
      } else if (stage.kind === 'object') {
        const fn = this.map(stage.map)
        if (fn !== undefined) steps.push(fn)
      } else {
        const inner = this.conv(stage.conv)
        if (inner === undefined) continue
        const id = `f${this.#next++}`
        this.lines.push(`function ${id}(a) { return Array.isArray(a) ? a.map(${inner}) : a }`)
        steps.push(id)
      }
    }
    if (steps.length === 1) return steps[0]
    const id = `f${this.#next++}`
    const body = steps.reduce((acc, fn) => `${fn}(${acc})`, 'v')
    this.lines.push(`function ${id}(v) { return v == null ? v : ${body} }`)
    return id
  }
  map(map: ObjMap): string | undefined {
    if (isIdentityMap(map, this.isIdentity)) return undefined
    const id = `f${this.#next++}`
    const read = (key: string) => `o[${JSON.stringify(key)}]`
    if (this.direction === 'response') {
      const parts: string[] = []
      for (const [name, src] of map.props) {
        const fn = this.conv(src.conv)
        const value = src.from === undefined ? 'undefined' : fn ? `${fn}(${read(src.from)})` : read(src.from)
        const full =
          src.fallback === undefined
            ? value
            : src.from === undefined
              ? this.helper(src.fallback.value)
              : `(${read(src.from)} === undefined ? ${this.helper(src.fallback.value)} : ${value})`
        parts.push(`${JSON.stringify(name)}: ${full}`)
      }
      this.lines.push(
        `function ${id}(o) { if (o === null || typeof o !== 'object' || Array.isArray(o)) return o; return { ${parts.join(', ')} } }`,
      )
    } else {
      const parts: string[] = []
      for (const [name, src] of map.props) {
        const fn = this.conv(src.conv)
        const key = JSON.stringify(name)
        if (src.from === undefined) {
          if (src.fallback !== undefined) parts.push(`r[${key}] = ${this.helper(src.fallback.value)};`)
          continue
        }
        const fallback = src.fallback !== undefined ? ` else r[${key}] = ${this.helper(src.fallback.value)};` : ''
        parts.push(`v = ${read(src.from)}; if (v !== undefined) r[${key}] = ${fn ? `${fn}(v)` : 'v'};${fallback}`)
      }
      this.lines.push(
        `function ${id}(o) { if (o === null || typeof o !== 'object' || Array.isArray(o)) return o; const r = {}; let v; ${parts.join(' ')} return r }`,
      )
    }
    return id
  }
}

/**
 * Generates plain JavaScript for a conv once, at start-up. Returns `undefined` when the conv
 * changes nothing, so callers can skip the step (and the parse and re-serialize it implies).
 *
 * @example
 * const down = compileConv([{ kind: 'object', map }], 'response', () => undefined)
 */
export function compileConv(conv: Conv, direction: Direction, named: NamedResolver): Converter | undefined {
  const emitter = new _Emitter(direction, named)
  const entry = emitter.conv(conv)
  if (entry === undefined) return undefined
  const source = `"use strict";\n${emitter.lines.join('\n')}\nreturn ${entry}`
  return new Function('H', source)(emitter.helpers) as Converter
}
