import type { Ledger } from './ledger.ts'

/** Where a route answers, and for which version indices (`from` inclusive, `to` exclusive). */
export interface Mount {
  readonly method: string
  readonly path: string
  readonly from: number
  readonly to: number
}

export const same = (a: { method: string; path: string }, b: { method: string; path: string }): boolean =>
  a.method === b.method && a.path === b.path

/**
 * Walks a route's endpoint instructions from head to the oldest version: the paths it answered at
 * (renames leave older paths mounted for older versions), the versions each serves (an endpoint added
 * or removed narrows them), and the method and path that identified it at each version.
 *
 * @example
 * const { mounts, identityAt } = mountsOf({ method: 'GET', path: '/v2/assets/:id' }, ledger)
 */
export function mountsOf(
  spec: { readonly method: string; readonly path: string },
  ledger: Ledger,
): { mounts: Mount[]; identityAt: (i: number) => { method: string; path: string } } {
  const n = ledger.versions.length
  const identity: { method: string; path: string }[] = new Array(n)
  const mounts: Mount[] = []
  let current = { method: spec.method, path: spec.path }
  let to = n
  let removedFrom = n
  let addedAt = 0
  for (let i = n - 1; i >= 0; i--) {
    identity[i] = current
    for (const ins of ledger.instructionsAt(i)) {
      if (!('method' in ins) || !same(ins, current)) continue
      if (ins.kind === 'endpoint-removed') removedFrom = Math.min(removedFrom, i)
      if (ins.kind === 'endpoint-added') addedAt = Math.max(addedAt, i)
      if (ins.kind === 'endpoint-renamed') {
        mounts.push({ ...current, from: i, to: Math.min(to, removedFrom) })
        to = i
        current = ins.from
      }
    }
  }
  mounts.push({ ...current, from: addedAt, to: Math.min(to, removedFrom) })
  return {
    mounts: mounts.filter((m) => m.from < m.to || m.path === spec.path),
    identityAt: (i) => identity[i] ?? current,
  }
}
