// The shape of `strata/usage`'s `UsageReport` (branch `usage`, issue 12), declared structurally so the
// portal takes that report as it is: `createPortal({ usage: () => usageReport(store, { api }) })`.

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

/** Requests of one version in one time bucket. */
export interface UsageBucket {
  /** The bucket's start (RFC 3339). */
  readonly start: string
  readonly requests: number
}

/** One version's traffic in the report. */
export interface UsageVersion {
  /** `null` for the API-wide scope. */
  readonly scope: string | null
  /** `null` for requests no version served (refused before negotiation). */
  readonly version: string | null
  readonly phase: string | null
  /** The deprecation date (RFC 3339 or a day), or `null` while none is announced. */
  readonly deprecated: string | boolean | null
  /** The sunset date (RFC 3339 or a day), when one is announced. */
  readonly sunset: string | null
  readonly requests: number
  /** Requests per time bucket, oldest first. */
  readonly traffic?: readonly UsageBucket[]
  readonly principals: readonly UsagePrincipal[]
}

/** The usage report the portal's usage page shows (and serves at `usage.json`). */
export interface UsageReport {
  readonly versions: readonly UsageVersion[]
}
