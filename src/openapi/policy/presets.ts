import type { Policy } from './policy.ts'

/**
 * The default: every rule at its default severity, alpha and draft operations exempt (as oasdiff
 * does by default), no minimum deprecation notice.
 */
export const strictPolicy: Policy = Object.freeze({
  name: 'strict',
  description: 'Every change that can break a client is breaking; alpha and draft operations may change freely.',
  severities: {},
  deprecationNoticeDays: 0,
  exemptStabilityLevels: ['draft', 'alpha'],
})

/**
 * Cognite (seeds 002/003): breaking changes need a new calendar version; deprecated versions live
 * 12 more months; the playground is unstable, beta only changes compatibly.
 */
export const cognitePolicy: Policy = Object.freeze({
  name: 'cognite',
  description:
    'Cognite: removing endpoints or response properties, renaming parameters or properties, reducing request limits and changing a 2xx status are breaking; 12 months of deprecation notice.',
  severities: {},
  deprecationNoticeDays: 365,
  exemptStabilityLevels: ['draft', 'alpha'],
})

/**
 * IP Fabric (seed 004): per-endpoint integer versions; removing or renaming a parameter or response
 * field is breaking, adding response attributes is not; clients ignore unexpected fields.
 */
export const ipFabricPolicy: Policy = Object.freeze({
  name: 'ip-fabric',
  description:
    'IP Fabric: removing or renaming a parameter or a response field needs a new endpoint version; adding response attributes does not.',
  severities: {},
  deprecationNoticeDays: 0,
  exemptStabilityLevels: ['draft', 'alpha'],
})

/**
 * Confluent (seed 001): 180 days notice; the length and format of opaque IDs may change; properties
 * with null values may be omitted from responses; clients MUST IGNORE unknown fields.
 */
export const confluentPolicy: Policy = Object.freeze<Policy>({
  name: 'confluent',
  description:
    'Confluent: 180 days notice before a breaking change; opaque ID lengths and formats and null-valued response properties may change.',
  severities: {
    // "Changing the length or format of object IDs or other opaque strings" is backward compatible.
    'response-max-length-increased': 'info',
    'response-pattern-changed': 'info',
    // "Omitting properties with null values from existing API responses" is backward compatible.
    'response-became-nullable': 'warning',
  },
  deprecationNoticeDays: 180,
  // Early Access APIs "may change at any time".
  exemptStabilityLevels: ['draft', 'alpha'],
})

/** The named presets, by name. */
export const policyPresets: ReadonlyMap<string, Policy> = new Map(
  [strictPolicy, cognitePolicy, ipFabricPolicy, confluentPolicy].map((policy) => [policy.name, policy]),
)
