/**
 * The algebra of compiled migrations. A {@link Conv} converts one value; an {@link ObjMap}
 * builds each property of a target object from a source object. One version step is an ObjMap;
 * consecutive steps compose into one, so a chain of a hundred changes costs one object build.
 */

/** One stage of converting a value. */
export type Stage =
  | { readonly kind: 'fn'; readonly fn: (value: unknown) => unknown }
  | { readonly kind: 'object'; readonly map: ObjMap }
  | { readonly kind: 'items'; readonly conv: Conv }
  /** The value is an object of a named schema: convert it with that schema's own converter. */
  | { readonly kind: 'named'; readonly name: string }

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

/** Target property name -> how to produce it. Properties not listed are not produced. */
export interface ObjMap {
  readonly props: ReadonlyMap<string, PropSource>
  /** The properties the source shape declares; a map that drops one of them is not an identity. */
  readonly source: readonly string[]
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
  return { props, source: first.source }
}

/** Concatenates two convs, fusing adjacent stages of the same kind. */
export function composeConvs(a: Conv, b: Conv): Conv {
  const out: Stage[] = [...a]
  for (const stage of b) {
    const last = out.at(-1)
    if (last?.kind === 'object' && stage.kind === 'object') {
      out[out.length - 1] = { kind: 'object', map: composeMaps(last.map, stage.map) }
    } else if (last?.kind === 'items' && stage.kind === 'items') {
      out[out.length - 1] = { kind: 'items', conv: composeConvs(last.conv, stage.conv) }
    } else if (last?.kind === 'named' && stage.kind === 'named' && last.name === stage.name) {
      // A named stage stands for the whole chain of that schema; one is enough.
    } else {
      out.push(stage)
    }
  }
  return out
}

/** Whether a conv changes nothing (so the code generator may skip it). */
export function isIdentityConv(conv: Conv, namedIsIdentity: (name: string) => boolean): boolean {
  return conv.every(
    (s) =>
      (s.kind === 'object' && isIdentityMap(s.map, namedIsIdentity)) ||
      (s.kind === 'items' && isIdentityConv(s.conv, namedIsIdentity)) ||
      (s.kind === 'named' && namedIsIdentity(s.name)),
  )
}

/** Whether a map copies every property to itself unchanged. */
export function isIdentityMap(map: ObjMap, namedIsIdentity: (name: string) => boolean): boolean {
  if (map.props.size !== map.source.length) return false
  for (const [name, src] of map.props) {
    if (src.from !== name || src.fallback !== undefined || !isIdentityConv(src.conv, namedIsIdentity)) return false
  }
  return true
}
