/**
 * The algebra of compiled migrations. A {@link Conv} converts one value; an {@link ObjMap}
 * builds each property of a target object from a source object. One version step is an ObjMap;
 * consecutive steps compose into one, so a chain of a hundred changes costs one object build.
 */
import type { JsonSchema } from '../change/instruction.ts'

/** One stage of converting a value. */
export type Stage =
  | { readonly kind: 'fn'; readonly fn: (value: unknown) => unknown }
  | { readonly kind: 'object'; readonly map: ObjMap }
  | { readonly kind: 'items'; readonly conv: Conv }
  /** An array whose first items each have their own schema (`prefixItems`), the rest `rest`. */
  | { readonly kind: 'tuple'; readonly prefix: readonly Conv[]; readonly rest: Conv }
  /**
   * The value is an object of a named schema: convert it with that schema's own converter.
   * `open` keeps the properties the schema does not declare (an `allOf` part declares only some).
   */
  | { readonly kind: 'named'; readonly name: string; readonly open?: boolean }
  /**
   * `anyOf` / `oneOf`: the branch a value belongs to is chosen by its JSON type or a `const`
   * discriminator property of the branch schemas (as of the source version), then converted.
   * `at` is the schema position, for start-up errors.
   */
  | {
      readonly kind: 'union'
      readonly branches: readonly JsonSchema[]
      readonly convs: readonly Conv[]
      readonly at: string
    }
  /** `allOf`: each part converts the properties it declares and keeps the others, in order. */
  | { readonly kind: 'all'; readonly parts: readonly Conv[] }

/** Stages applied in order; empty means identity. */
export type Conv = readonly Stage[]

/** How one target property is produced. */
export interface PropSource {
  /** The source property to read; absent when the value is always the fallback. */
  readonly from?: string
  readonly conv: Conv
  /** Used when the source property is absent (`undefined`). */
  readonly fallback?: { readonly value: unknown }
}

/**
 * What happens to the properties an object schema does not declare: kept, each converted by the
 * first `patternProperties` entry whose pattern it matches, else by `additional`.
 */
export interface RestProps {
  /** `undefined`: properties no pattern matches are dropped (the object is closed to them). */
  readonly additional: Conv | undefined
  readonly patterns: readonly { readonly pattern: string; readonly conv: Conv }[]
}

/** Target property name -> how to produce it. Properties not listed are not produced. */
export interface ObjMap {
  readonly props: ReadonlyMap<string, PropSource>
  /** The properties the source shape declares; a map that drops one of them is not an identity. */
  readonly source: readonly string[]
  /** Undeclared properties: kept (and converted) when set, dropped when absent. */
  readonly rest?: RestProps
}

/** Runs a conv on a constant at compile time (defaults of composed steps). */
export function applyConv(conv: Conv, value: unknown): unknown {
  let v = value
  for (const stage of conv) {
    if (v === undefined || v === null) return v
    if (stage.kind === 'fn') v = stage.fn(v)
    else if (stage.kind === 'items' && Array.isArray(v)) v = v.map((x) => applyConv(stage.conv, x))
    else if (stage.kind === 'object' && typeof v === 'object') v = applyMap(stage.map, v as Record<string, unknown>)
  }
  return v
}

function applyMap(map: ObjMap, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, src] of map.props) {
    const raw = src.from === undefined ? undefined : source[src.from]
    const value = raw === undefined ? src.fallback?.value : applyConv(src.conv, raw)
    if (value !== undefined) out[name] = value
  }
  return out
}

function _composeRest(first: RestProps | undefined, second: RestProps | undefined): RestProps | undefined {
  if (first === undefined || second === undefined) return undefined
  return {
    additional:
      first.additional === undefined || second.additional === undefined
        ? undefined
        : composeConvs(first.additional, second.additional),
    // Instructions never change patterns, so both sides list the same ones in the same order.
    patterns: first.patterns.map((p, i) => ({
      pattern: p.pattern,
      conv: composeConvs(p.conv, second.patterns[i]?.conv ?? []),
    })),
  }
}

/** Composes `first` (A -> B) then `second` (B -> C) into one map A -> C. */
export function composeMaps(first: ObjMap, second: ObjMap): ObjMap {
  const props = new Map<string, PropSource>()
  for (const [name, s2] of second.props) {
    if (s2.from === undefined) {
      props.set(name, s2)
      continue
    }
    const s1 = first.props.get(s2.from)
    if (s1 === undefined) {
      if (s2.fallback !== undefined) props.set(name, { conv: [], fallback: s2.fallback })
      continue
    }
    const fallback = s1.fallback !== undefined ? { value: applyConv(s2.conv, s1.fallback.value) } : s2.fallback
    props.set(name, {
      ...(s1.from !== undefined ? { from: s1.from } : {}),
      conv: composeConvs(s1.conv, s2.conv),
      ...(fallback !== undefined ? { fallback } : {}),
    })
  }
  const rest = _composeRest(first.rest, second.rest)
  return { props, source: first.source, ...(rest !== undefined ? { rest } : {}) }
}

const _pairwise = (a: readonly Conv[], b: readonly Conv[]): Conv[] => a.map((c, i) => composeConvs(c, b[i] ?? []))

/** Concatenates two convs, fusing adjacent stages of the same kind. */
export function composeConvs(a: Conv, b: Conv): Conv {
  const out: Stage[] = [...a]
  for (const stage of b) {
    const last = out.at(-1)
    if (last?.kind === 'object' && stage.kind === 'object') {
      out[out.length - 1] = { kind: 'object', map: composeMaps(last.map, stage.map) }
    } else if (last?.kind === 'items' && stage.kind === 'items') {
      out[out.length - 1] = { kind: 'items', conv: composeConvs(last.conv, stage.conv) }
    } else if (last?.kind === 'tuple' && stage.kind === 'tuple' && last.prefix.length === stage.prefix.length) {
      out[out.length - 1] = {
        kind: 'tuple',
        prefix: _pairwise(last.prefix, stage.prefix),
        rest: composeConvs(last.rest, stage.rest),
      }
    } else if (last?.kind === 'union' && stage.kind === 'union' && last.convs.length === stage.convs.length) {
      // The branch is chosen once, at the source version; then its whole chain runs.
      out[out.length - 1] = { ...last, convs: _pairwise(last.convs, stage.convs) }
    } else if (last?.kind === 'all' && stage.kind === 'all' && last.parts.length === stage.parts.length) {
      // Parts touch disjoint properties, so part-wise composition equals running them in turn.
      out[out.length - 1] = { kind: 'all', parts: _pairwise(last.parts, stage.parts) }
    } else if (
      last?.kind === 'named' &&
      stage.kind === 'named' &&
      last.name === stage.name &&
      last.open === stage.open
    ) {
      // A named stage stands for the whole chain of that schema; one is enough.
    } else {
      out.push(stage)
    }
  }
  return out
}

/** Whether a conv changes nothing (so the code generator may skip it). */
export function isIdentityConv(conv: Conv, namedIsIdentity: (name: string) => boolean): boolean {
  const id = (c: Conv): boolean => isIdentityConv(c, namedIsIdentity)
  return conv.every(
    (s) =>
      (s.kind === 'object' && isIdentityMap(s.map, namedIsIdentity)) ||
      (s.kind === 'items' && id(s.conv)) ||
      (s.kind === 'tuple' && s.prefix.every(id) && id(s.rest)) ||
      (s.kind === 'union' && s.convs.every(id)) ||
      (s.kind === 'all' && s.parts.every(id)) ||
      (s.kind === 'named' && namedIsIdentity(s.name)),
  )
}

/** Whether a map copies every property to itself unchanged: the same key set, each from itself. */
export function isIdentityMap(map: ObjMap, namedIsIdentity: (name: string) => boolean): boolean {
  if (map.props.size !== map.source.length) return false
  const source = new Set(map.source)
  for (const [name, src] of map.props) {
    if (!source.has(name) || src.from !== name || src.fallback !== undefined) return false
    if (!isIdentityConv(src.conv, namedIsIdentity)) return false
  }
  // A map that drops undeclared properties is an identity only where the schema has none to drop.
  const rest = map.rest
  if (rest === undefined) return true
  return (
    (rest.additional === undefined || isIdentityConv(rest.additional, namedIsIdentity)) &&
    rest.patterns.every((p) => isIdentityConv(p.conv, namedIsIdentity))
  )
}

/**
 * The same conv, keeping the properties its top-level objects do not declare: how a schema
 * converts its part of an object inside an `allOf`.
 */
export function openConv(conv: Conv): Conv {
  return conv.map((s): Stage => {
    if (s.kind === 'object') {
      const rest = s.map.rest
      return {
        kind: 'object',
        map: { ...s.map, rest: { additional: rest?.additional ?? [], patterns: rest?.patterns ?? [] } },
      }
    }
    if (s.kind === 'union') return { ...s, convs: s.convs.map(openConv) }
    if (s.kind === 'named') return { ...s, open: true }
    return s
  })
}
