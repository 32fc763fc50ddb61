import { StrataError } from '../error/index.ts'
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

function _conflict(spec: { method: string; path: string }, why: string): never {
  throw new StrataError(
    'STRATA_ERR_CHANGE_CONFLICT',
    `Endpoint ${spec.method} ${spec.path}: ${why}; an endpoint must alternate between added and removed, oldest first, and be served when it is renamed.`,
  )
}

/**
 * Walks a route's endpoint instructions from head to the oldest version: the paths it answered at
 * (renames leave older paths mounted for older versions), the ranges of versions each serves (an
 * endpoint may be removed and added back, so one path can have several), and the method and path
 * that identified it at each version.
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
  // Served at head unless the newest add/remove instruction about it is a removal.
  let present = true
  for (let i = n - 1; i >= 0; i--) {
    const last = ledger
      .instructionsAt(i)
      .filter((ins) => 'method' in ins && same(ins, current) && ins.kind.startsWith('endpoint-'))
      .at(-1)
    if (last === undefined) continue
    present = last.kind !== 'endpoint-removed'
    break
  }
  // The run of versions being collected: [?, end) at `current`, while `present`.
  let end = n
  for (let i = n - 1; i >= 0; i--) {
    identity[i] = current
    for (const ins of ledger.instructionsAt(i)) {
      if (!('method' in ins) || !same(ins, current)) continue
      const at = ledger.versions[i]!.id
      if (ins.kind === 'endpoint-added') {
        if (!present) _conflict(current, `it is added in ${at} although it is not served in ${at}`)
        mounts.push({ ...current, from: i, to: end })
        present = false
      } else if (ins.kind === 'endpoint-removed') {
        if (present) _conflict(current, `it is removed in ${at} although it is still served in ${at}`)
        present = true
        end = i
      } else if (ins.kind === 'endpoint-renamed') {
        if (!present) _conflict(current, `it is renamed in ${at} although it is not served in ${at}`)
        mounts.push({ ...current, from: i, to: end })
        end = i
        current = ins.from
      }
    }
  }
  if (present) mounts.push({ ...current, from: 0, to: end })
  const served = mounts.filter((m) => m.from < m.to)
  return {
    // The head path is always listed first, even when no version serves it (it answers 404).
    mounts: served.some((m) => same(m, spec)) ? _headFirst(served, spec) : [{ ...spec, from: n, to: n }, ...served],
    identityAt: (i) => identity[i] ?? current,
  }
}

const _headFirst = (mounts: Mount[], spec: { method: string; path: string }): Mount[] => [
  ...mounts.filter((m) => same(m, spec)),
  ...mounts.filter((m) => !same(m, spec)),
]
