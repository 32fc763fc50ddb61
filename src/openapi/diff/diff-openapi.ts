import { OpenApiInputError } from '../load/input-error.ts'
import type { OpenApiDocument } from '../load/openapi-document.ts'
import type { Policy } from '../policy/policy.ts'
import { strictPolicy } from '../policy/presets.ts'
import { type CustomRule, checkCustomRules, matchedOperations, runCustomRules } from './custom-rule.ts'
import { diffPaths } from './diff-paths.ts'
import { DiffRun } from './diff-run.ts'
import { diffServers } from './diff-servers.ts'
import type { Finding } from './finding.ts'

/** Options of {@link diffOpenApi}. */
export interface DiffOptions {
  /** How to classify changes; the `strict` preset by default. */
  policy?: Policy
  /** The date sunsets and notice periods are measured from; now by default. */
  now?: Date
  /** Called once per operation or webhook: compared with its counterpart, or found on one side only. */
  onOperation?: (operation: OperationMatch) => void
  /** Rules of your own, run after the built-in ones; the policy sets their severities by id like any rule's. */
  rules?: readonly CustomRule[]
}

/** How one operation (or webhook) was matched: `old` and `new` are its `METHOD template` on each side. */
export interface OperationMatch {
  readonly webhook: boolean
  readonly old: string | undefined
  readonly new: string | undefined
}

const order = { breaking: 0, warning: 1, info: 2 } as const

/**
 * Compares two loaded OpenAPI documents and classifies every difference. A changed component schema
 * is reported once per direction, with the places it is used in `usedIn`.
 *
 * @example
 * const findings = diffOpenApi(await loadOpenApi('v1.yaml'), await loadOpenApi('v2.yaml'), { policy: cognitePolicy })
 * const breaking = findings.filter((f) => f.severity === 'breaking')
 */
export function diffOpenApi(oldDoc: OpenApiDocument, newDoc: OpenApiDocument, options: DiffOptions = {}): Finding[] {
  const run = new DiffRun(oldDoc, newDoc, options.policy ?? strictPolicy, options.now ?? new Date())
  const custom = options.rules ?? []
  checkCustomRules(custom)
  const matches: OperationMatch[] = []
  if (options.onOperation !== undefined || custom.length > 0) {
    run.onOperation = (match) => {
      if (custom.length > 0) matches.push(match)
      options.onOperation?.(match)
    }
  }
  try {
    diffServers(run)
    diffPaths(run, 'paths')
    diffPaths(run, 'webhooks')
  } catch (error) {
    // Loading refuses documents nested too deeply; a chain of thousands of `$ref`s is the other way
    // to exhaust the stack of the recursive comparison.
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error
    throw new OpenApiInputError(`its schemas or those of ${oldDoc.file} chain \`$ref\`s too deeply to compare`, {
      file: newDoc.file,
    })
  }
  if (custom.length > 0) runCustomRules(run, custom, matchedOperations(run, matches))
  return run.finish().sort((a, b) => order[a.severity] - order[b.severity])
}
