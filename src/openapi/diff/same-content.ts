import type { JsonObject } from '../load/json-pointer.ts'

/** Follows the `$ref` of a node on one side to the node it designates. */
export type RefTarget = (side: 'old' | 'new', node: JsonObject) => unknown

/**
 * Tells whether an old and a new node hold the same JSON, where every `$ref` on each side designates
 * the same content (transitively, through cycles), whatever the components are called. No rule can
 * find anything under such a pair, so the comparison skips it: on two releases of a large description
 * most of the document is unchanged and this check is far cheaper than comparing rule by rule.
 *
 * Each referenced pair is compared once. Inside a cycle a pair in progress is assumed the same (the
 * greatest fixed point), as in Tarjan's algorithm: a "same" that leaned on a pair still in progress
 * waits until that pair completes. A difference ends every comparison in progress, so every waiting
 * pair leads to a difference too and is settled as different.
 */
export class SameContent {
  private readonly settled = new Map<string, boolean>()
  /** Pairs in progress, by key, with their depth. */
  private readonly inProgress = new Map<string, number>()
  /** Pairs found the same on an assumption still in progress, in order, with the depth they leaned on. */
  private waiting: string[] = []
  private readonly leanedOn = new Map<string, number>()
  /** The shallowest in-progress pair the current comparison assumed. */
  private lowest = Number.POSITIVE_INFINITY

  constructor(private readonly target: RefTarget) {}

  /**
   * @example
   * new SameContent(follow).same(oldOperation, newOperation) // true when nothing under them changed
   */
  same(oldNode: unknown, newNode: unknown): boolean {
    const result = this.equal(oldNode, newNode)
    for (const key of this.waiting) this.settled.set(key, false)
    this.waiting = []
    this.leanedOn.clear()
    this.lowest = Number.POSITIVE_INFINITY
    return result
  }

  private equal(a: unknown, b: unknown): boolean {
    if (a === b) return true
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
    if (Array.isArray(a)) {
      if (!Array.isArray(b) || a.length !== b.length) return false
      for (let i = 0; i < a.length; i++) if (!this.equal(a[i], b[i])) return false
      return true
    }
    if (Array.isArray(b)) return false
    const ao = a as JsonObject
    const bo = b as JsonObject
    const keys = Object.keys(ao)
    if (keys.length !== Object.keys(bo).length) return false
    const oldRef = ao.$ref
    const newRef = bo.$ref
    if (typeof oldRef === 'string' || typeof newRef === 'string') {
      if (typeof oldRef !== 'string' || typeof newRef !== 'string') return false
      for (const key of keys) {
        if (key !== '$ref' && (!Object.hasOwn(bo, key) || !this.equal(ao[key], bo[key]))) return false
      }
      return this.refPair(ao, bo, `${oldRef}\n${newRef}`)
    }
    for (const key of keys) {
      if (!Object.hasOwn(bo, key) || !this.equal(ao[key], bo[key])) return false
    }
    return true
  }

  private refPair(a: JsonObject, b: JsonObject, key: string): boolean {
    const known = this.settled.get(key)
    if (known !== undefined) return known
    const assumedAt = this.inProgress.get(key) ?? this.leanedOn.get(key)
    if (assumedAt !== undefined) {
      this.lowest = Math.min(this.lowest, assumedAt)
      return true
    }
    const depth = this.inProgress.size
    const outerLowest = this.lowest
    const mark = this.waiting.length
    this.inProgress.set(key, depth)
    this.lowest = Number.POSITIVE_INFINITY
    const result = this.equal(this.target('old', a), this.target('new', b))
    this.inProgress.delete(key)
    const lowest = this.lowest
    if (!result) {
      this.settled.set(key, false)
    } else if (lowest >= depth) {
      // Everything this pair leaned on is settled now: it and the pairs waiting on it are the same.
      this.settled.set(key, true)
      for (let i = mark; i < this.waiting.length; i++) {
        this.settled.set(this.waiting[i]!, true)
        this.leanedOn.delete(this.waiting[i]!)
      }
      this.waiting.length = mark
    } else {
      // The pairs waiting on this one now wait on what it leans on.
      for (let i = mark; i < this.waiting.length; i++) this.leanedOn.set(this.waiting[i]!, lowest)
      this.waiting.push(key)
      this.leanedOn.set(key, lowest)
    }
    this.lowest = Math.min(outerLowest, lowest >= depth ? Number.POSITIVE_INFINITY : lowest)
    return result
  }
}
