// TODO(#12): the usage branch (src/usage/) produces this report; once merged, use its type here.

/** One principal still calling a version, as `strata usage --format json` reports it. */
export interface UsagePrincipal {
  readonly principal: string
  readonly requests: number
  /** RFC 3339. */
  readonly first_seen?: string
  /** RFC 3339. */
  readonly last_seen: string
  /** Endpoint templates, `GET /api/v1/assets/:id`. */
  readonly endpoints: readonly string[]
}

/** One version's traffic in the report. */
export interface UsageVersion {
  /** `null` for the API-wide scope. */
  readonly scope: string | null
  readonly version: string
  readonly phase: string
  readonly deprecated: boolean
  /** The sunset date (RFC 3339 or a day), when one is announced. */
  readonly sunset: string | null
  readonly requests: number
  readonly principals: readonly UsagePrincipal[]
}

/** Requests of one version over time. */
export interface UsageSeries {
  readonly scope: string | null
  readonly version: string
  /** Buckets oldest first; `at` is the bucket's start (RFC 3339). */
  readonly points: readonly { readonly at: string; readonly requests: number }[]
}

/** The usage report the portal's usage page shows (and serves at `usage.json`). */
export interface UsageReport {
  readonly versions: readonly UsageVersion[]
  /** Traffic per version over time. */
  readonly traffic?: readonly UsageSeries[]
}
