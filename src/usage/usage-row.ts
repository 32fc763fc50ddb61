/** One per-minute count as the store keeps it: the key of the exchange and how many it saw. */
export interface UsageRow {
  /** The minute's start, RFC 3339 in UTC (`2026-12-01T09:30:00Z`): fixed width, so text order is time order. */
  readonly minute: string
  /** The version scope's name; `''` for the API-wide scope. */
  readonly scope: string
  /** The version id; `''` when none was known (a malformed version, a path no route serves). */
  readonly version: string
  readonly channel: string
  /** `METHOD /path/:template`; `''` when no route matched. */
  readonly endpoint: string
  readonly client: string
  /** `2xx`, `3xx`, `4xx` or `5xx`. */
  readonly status_class: string
  readonly requests: number
}

/** What the recorder writes in place of the endpoint and client of keys past its cap. */
export const OVERFLOW = '(overflow)'

/** The status class of an HTTP status: `200` -> `2xx`. */
export const statusClassOf = (status: number): string => `${Math.min(Math.max(Math.floor(status / 100), 1), 5)}xx`

/** The start of the minute holding `at`, as the store writes it. */
export const minuteOf = (at: Date): string => `${at.toISOString().slice(0, 16)}:00Z`
