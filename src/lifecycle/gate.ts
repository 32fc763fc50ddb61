import { problemCatalogue } from '../conventions/error/catalogue.ts'
import { HttpProblem } from '../conventions/error/problem.ts'
import type { ApiVersion, Phase, VersionSet } from '../version/index.ts'

/** Who may use early-access versions, and what everyone else sees. */
export interface EarlyAccessOptions {
  /** Decides whether a principal was granted access to an early-access version. */
  readonly allow: (principal: unknown, version: ApiVersion) => boolean
  /** 403 says the version exists but is gated; 404 hides it. Default 403. */
  readonly deny?: 403 | 404
}

export interface GateOptions {
  /** The status of a sunset version; default 410. */
  readonly sunsetStatus?: number
  readonly earlyAccess?: EarlyAccessOptions
  /** How to tell a client to send another version, e.g. `(v) => 'Cdf-Version: ' + v`. */
  readonly hint?: (version: string) => string
}

const day = (d: Date): string => d.toISOString().slice(0, 10)

/**
 * Lets a request through to a resolved version, or refuses it: a sunset version answers 410
 * naming the newest supported one; an early-access version answers only principals granted it.
 *
 * @example
 * const refusal = gateVersion(versions, version, 'sunset', principal, { sunsetStatus: 410 }, now)
 */
export function gateVersion(
  versions: VersionSet,
  version: ApiVersion,
  phase: Phase,
  principal: unknown,
  options: GateOptions,
  now: Date,
): HttpProblem | undefined {
  if (phase === 'sunset') {
    const latest = versions.latest('stable', now)
    return new HttpProblem({
      status: options.sunsetStatus ?? problemCatalogue.VERSION_SUNSET.status,
      code: 'VERSION_SUNSET',
      message: `API version ${version.id} was sunset on ${day(version.sunset!)} and is no longer served`,
      ...(latest !== undefined
        ? {
            suggestion: `Upgrade to ${latest.id}, the newest supported version${options.hint !== undefined ? `: send ${options.hint(latest.id)}` : ''}`,
          }
        : {}),
      data: {
        requested_version: version.id,
        ...(latest !== undefined ? { latest_version: latest.id } : {}),
        supported_versions: versions.supported('stable', now).map((v) => v.id),
      },
    })
  }
  if (phase === 'early-access' && !(options.earlyAccess?.allow(principal, version) ?? false)) {
    if (options.earlyAccess?.deny === 404) {
      return new HttpProblem({
        status: 404,
        code: 'NOT_FOUND',
        message: `API version ${version.id} does not exist`,
      })
    }
    return new HttpProblem({
      status: problemCatalogue.VERSION_EARLY_ACCESS.status,
      code: 'VERSION_EARLY_ACCESS',
      message: `API version ${version.id} is in early access and your account has not been granted it`,
      suggestion: 'Ask your account team for early access, or use a generally available version',
    })
  }
  return undefined
}
