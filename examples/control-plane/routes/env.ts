import type { ListEnv } from '../page.ts'

/** What the route modules share: the database, page tokens, public address, clock and settings. */
export interface RouteEnv extends ListEnv {
  /** The wall clock of stored timestamps and provisioning (the lifecycle clock may be pinned). */
  readonly now: () => Date
  /** How long a new cluster stays PROVISIONING. */
  readonly provisionMs: number
  /** The server pepper API key secrets are hashed with. */
  readonly pepper: string
}
