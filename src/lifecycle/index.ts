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
