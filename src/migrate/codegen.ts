import type { JsonSchema } from '../change/instruction.ts'
import { type Conv, isIdentityConv, isIdentityMap, type ObjMap, type RestProps, type Stage } from './conv.ts'
import { interpretConv, restConv, setProp } from './interpret.ts'
import { unionDispatch } from './union-dispatch.ts'

/** A compiled converter of one value. */
export type Converter = (value: unknown) => unknown

/** What the segment being compiled knows of named schemas. */
export interface NamedResolver {
  /** A named schema's converter for this segment; `undefined` means identity. */
  converter(name: string, open: boolean): Converter | undefined
  /** A named schema's shape at the segment's source version (to choose union branches). */
  shape(name: string): JsonSchema | undefined
}

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
  isIdentity = (name: string): boolean => this.named.converter(name, false) === undefined
  /** Returns the name of a local function implementing `conv`, or undefined for identity. */
  conv(conv: Conv): string | undefined {
    if (isIdentityConv(conv, this.isIdentity)) return undefined
    const steps: string[] = []
    for (const stage of conv) {
      if (stage.kind === 'fn') steps.push(this.helper(stage.fn))
      else if (stage.kind === 'named') {
        const fn = this.named.converter(stage.name, stage.open === true)
        if (fn !== undefined) steps.push(this.helper(fn))
      } else if (stage.kind === 'object') {
        const fn = this.map(stage.map)
        if (fn !== undefined) steps.push(fn)
      } else if (stage.kind !== 'items') {
        const fn = this.composite(stage)
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
  /** Tuples, unions and `allOf` parts: each part compiled on its own, then dispatched. */
  composite(stage: Extract<Stage, { kind: 'tuple' | 'union' | 'all' }>): string | undefined {
    const id = `f${this.#next++}`
    if (stage.kind === 'tuple') {
      const prefix = stage.prefix.map((c) => this.conv(c) ?? 'I')
      const rest = this.conv(stage.rest) ?? 'I'
      this.lines.push(
        `function ${id}(a) { if (!Array.isArray(a)) return a; const P = [${prefix.join(', ')}]; return a.map((x, i) => (i < P.length ? P[i] : ${rest})(x)) }`,
      )
    } else if (stage.kind === 'union') {
      const convs = stage.convs.map((c) => this.conv(c))
      const pick = unionDispatch(
        stage.branches,
        convs.map((c) => c !== undefined),
        (name) => this.named.shape(name),
        stage.at,
      )
      const cases = convs.map((c, i) => (c === undefined ? '' : `case ${i}: return ${c}(v); `)).join('')
      this.lines.push(`function ${id}(v) { switch (${this.helper(pick)}(v)) { ${cases}default: return v } }`)
    } else {
      const parts = stage.parts.map((c) => this.conv(c)).filter((c) => c !== undefined)
      if (parts.length === 0) return undefined
      this.lines.push(`function ${id}(v) { ${parts.map((p) => `v = ${p}(v);`).join(' ')} return v }`)
    }
    return id
  }
  /** Copies the properties a map does not declare, converted as `rest` says (or drops them). */
  rest(rest: RestProps | undefined, declared: readonly string[]): string {
    if (rest === undefined) return ''
    const patterns = rest.patterns.map(
      (p) => `[${this.helper(new RegExp(p.pattern, 'u'))}, ${this.conv(p.conv) ?? 'I'}]`,
    )
    const additional = rest.additional === undefined ? 'undefined' : (this.conv(rest.additional) ?? 'I')
    const D = this.helper(new Set(declared))
    const list = `P${this.#next++}`
    this.lines.push(`const ${list} = [${patterns.join(', ')}]`)
    return `for (const k of Object.keys(o)) { if (${D}.has(k)) continue; const c = restConv(${list}, ${additional}, k); if (c !== undefined) setProp(r, k, c(o[k])) }`
  }
  map(map: ObjMap): string | undefined {
    if (isIdentityMap(map, this.isIdentity)) return undefined
    const id = `f${this.#next++}`
    const read = (key: string) => `o[${JSON.stringify(key)}]`
    if (this.direction === 'response') {
      const parts: string[] = []
      for (const [name, src] of map.props) {
        const fn = this.conv(src.conv)
        // An absent property stays absent: no conversion (or custom migration) is called on it.
        const value =
          src.from === undefined
            ? 'undefined'
            : fn
              ? `(${read(src.from)} === undefined ? undefined : ${fn}(${read(src.from)}))`
              : read(src.from)
        const full =
          src.fallback === undefined
            ? value
            : src.from === undefined
              ? this.helper(src.fallback.value)
              : `(${read(src.from)} === undefined ? ${this.helper(src.fallback.value)} : ${value})`
        parts.push(`${JSON.stringify(name)}: ${full}`)
      }
      const rest = this.rest(map.rest, map.source)
      this.lines.push(
        rest === ''
          ? `function ${id}(o) { if (o === null || typeof o !== 'object' || Array.isArray(o)) return o; return { ${parts.join(', ')} } }`
          : `function ${id}(o) { if (o === null || typeof o !== 'object' || Array.isArray(o)) return o; const r = { ${parts.join(', ')} }; ${rest} return r }`,
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
        `function ${id}(o) { if (o === null || typeof o !== 'object' || Array.isArray(o)) return o; const r = {}; let v; ${parts.join(' ')} ${this.rest(map.rest, map.source)} return r }`,
      )
    }
    return id
  }
}

let _canGenerate: boolean | undefined
// Test suites only (vitest project `interpreted`): interpreted plans where ajv still needs code generation.
const _interpretedForTests =
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.STRATA_INTERPRETED_PLANS ===
  '1'

/**
 * Whether this platform lets code be generated at start-up (`new Function`): not on Cloudflare
 * Workers, nor on Node with `--disallow-code-generation-from-strings`. Detected once.
 */
export function codeGeneration(): boolean {
  if (_canGenerate === undefined) {
    try {
      _canGenerate = new Function('return true')() === true
    } catch {
      _canGenerate = false
    }
  }
  return _canGenerate
}

/**
 * Generates plain JavaScript for a conv once, at start-up (or, where generating code is not
 * allowed, builds the same converter from closures). Returns `undefined` when the conv
 * changes nothing, so callers can skip the step (and the parse and re-serialize it implies).
 *
 * @example
 * const down = compileConv([{ kind: 'object', map }], 'response', () => undefined)
 */
export function compileConv(conv: Conv, direction: Direction, named: NamedResolver): Converter | undefined {
  if (!codeGeneration() || _interpretedForTests) return interpretConv(conv, direction, named)
  const emitter = new _Emitter(direction, named)
  const entry = emitter.conv(conv)
  if (entry === undefined) return undefined
  const source = `"use strict";\nconst I = (v) => v;\n${emitter.lines.join('\n')}\nreturn ${entry}`
  return new Function('H', 'restConv', 'setProp', source)(emitter.helpers, restConv, setProp) as Converter
}
