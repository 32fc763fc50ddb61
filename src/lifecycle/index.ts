/** Deprecation, Sunset and Link headers. */
export {
  type DeprecationFormat,
  type DeprecationHeaderOptions,
  type DeprecationLinks,
  deprecationHeaders,
  formatDeprecation,
  formatSunset,
  type SunsetFormat,
} from './deprecation-headers.ts'
/** Refusing sunset and gated early-access versions. */
export { type EarlyAccessOptions, type GateOptions, gateVersion } from './gate.ts'
/** Older path forms that still reach the current routes, deprecated and sunset like versions. */
export {
  defineLegacyPaths,
  type LegacyPathInput,
  type LegacyPaths,
  type LegacyPathVerdict,
  legacyPathRefusal,
} from './legacy-path.ts'
/** Vendor bodies for version refusals. */
export {
  isVersionRefusal,
  type VersionRefusal,
  versionRefusalCodes,
  withVersionRefusalBody,
} from './version-refusal-format.ts'
/** The emergency switch: versions and endpoints withdrawn at once for security. */
export {
  findWithdrawal,
  parseWithdrawals,
  readWithdrawals,
  type Withdrawal,
  withdrawalProblem,
} from './withdrawal.ts'
