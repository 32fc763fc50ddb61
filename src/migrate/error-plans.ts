import type { ProblemParts } from '../change/instruction.ts'
import type { ApiVersion } from '../version/index.ts'

/**
 * The error migrations every endpoint shares (`errors(...)` instructions), per version index,
 * for errors raised outside any route plan: 404s, 405s, version and auth errors.
 *
 * @example
 * errorPlans(versions.versions)(0)?.(problem)
 */
export function errorPlans(
  versions: readonly ApiVersion[],
): (index: number) => ((p: ProblemParts) => void) | undefined {
  const steps = versions.map((v) =>
    (v.changes ?? []).flatMap((c) => c.instructions).filter((i) => i.kind === 'error-migration'),
  )
  const plans = versions.map((_, v) => {
    const fns = steps
      .slice(v + 1)
      .reverse()
      .flat()
      .map((i) => i.migrate)
    return fns.length === 0
      ? undefined
      : (p: ProblemParts) => {
          for (const fn of fns) fn(p)
        }
  })
  return (index) => plans[index]
}
