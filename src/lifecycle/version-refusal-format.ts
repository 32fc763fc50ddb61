import type { ErrorContext, ErrorFormat } from '../conventions/error/format.ts'
import type { HttpProblem } from '../conventions/error/problem.ts'

/** The codes of problems that refuse the requested version: unparseable, several, missing, unknown, retired. */
export const versionRefusalCodes: readonly string[] = [
  'VERSION_MALFORMED',
  'VERSION_AMBIGUOUS',
  'VERSION_REQUIRED',
  'VERSION_UNKNOWN',
  'VERSION_SUNSET',
]

/** What a refusal body may say, read from the problem's facts. */
export interface VersionRefusal {
  readonly problem: HttpProblem
  /** The newest supported version of the scope the request was for, if any is live. */
  readonly latest?: string
  /** What the client asked for, when it named something. */
  readonly requested?: string
  /** Every supported version of the scope, oldest first. */
  readonly supported: readonly string[]
}

/**
 * Tells whether a problem refuses the requested version (and so may get a vendor's refusal body).
 *
 * @example
 * isVersionRefusal(new HttpProblem({ status: 410, code: 'VERSION_SUNSET', message: 'gone' })) // true
 */
export function isVersionRefusal(problem: HttpProblem): boolean {
  return versionRefusalCodes.includes(problem.code)
}

/**
 * An error format that renders version refusals with their own body and everything else with
 * `base`, for programs whose version errors have a fixed shape (IP Fabric's
 * `{message, release_version, api_version}`).
 *
 * @example
 * const errors = withVersionRefusalBody(envelopeFormat, (refusal) => ({
 *   message: 'Unsupported API version requested.',
 *   release_version: '7.5.0+1',
 *   api_version: refusal.latest,
 * }))
 */
export function withVersionRefusalBody(
  base: ErrorFormat,
  render: (refusal: VersionRefusal, context: ErrorContext) => unknown,
): ErrorFormat {
  return {
    name: `${base.name}+version-refusal`,
    contentType: base.contentType,
    render(problem, context) {
      if (!isVersionRefusal(problem)) return base.render(problem, context)
      const data = problem.data ?? {}
      const latest = data.latest_version
      const requested = data.requested_version
      const supported = Array.isArray(data.supported_versions) ? data.supported_versions.map(String) : []
      return render(
        {
          problem,
          ...(typeof latest === 'string' ? { latest } : {}),
          ...(typeof requested === 'string' ? { requested } : {}),
          supported,
        },
        context,
      )
    },
  }
}
