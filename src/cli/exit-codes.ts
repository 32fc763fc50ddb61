/** The exit codes of `strata`, and the help text that documents them. */
export const exitCodes = {
  ok: 0,
  breaking: 1,
  usage: 2,
  help: `
Exit codes:
  0  compatible: nothing at or above the --fail-on severity
  1  breaking changes found (or warnings, with --fail-on warning)
  2  usage or input error: bad arguments, unreadable file, invalid OpenAPI, bad config`,
} as const
