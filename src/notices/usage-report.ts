/** One principal still calling a version: the part of the usage report's entry that notices read. */
export interface UsagePrincipal {
  readonly principal: string
  readonly requests: number
  /** RFC 3339. */
  readonly last_seen: string
  readonly endpoints: readonly string[]
}

/** The part of the usage report (`strata usage --format json`) that notices read. */
export interface UsageReport {
  readonly versions: readonly {
    /** `null` for the API-wide scope. */
    readonly scope: string | null
    /** `null` for requests whose version was never known. */
    readonly version: string | null
    readonly principals: readonly UsagePrincipal[]
  }[]
}
