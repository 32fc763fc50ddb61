import type { Policy, PolicyPromise, RuleSetting } from './policy.ts'

/**
 * A preset whose rule severities follow from its program's list: each rule a promise names gets
 * `breaking` when the program calls the change breaking, `info` when it calls it compatible; the
 * explicit `severities` are applied on top.
 */
function _preset(policy: Omit<Policy, 'severities'> & { severities?: Policy['severities'] }): Policy {
  const severities: Record<string, RuleSetting> = {}
  for (const promise of policy.promises ?? []) {
    for (const rule of promise.rules) severities[rule] = promise.breaking ? 'breaking' : 'info'
  }
  return Object.freeze({ ...policy, severities: Object.freeze({ ...severities, ...policy.severities }) })
}

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

/** Cognite's lists of compatible and breaking changes (seeds 002 and 003, word for word). */
const cognitePromises: readonly PolicyPromise[] = [
  { says: 'Increasing the request limits.', breaking: false, rules: ['request-limit-loosened'] },
  { says: 'Adding properties to the response body.', breaking: false, rules: ['response-property-added'] },
  {
    says: "Adding properties to the request body (as long as it doesn't affect earlier requests).",
    breaking: false,
    rules: ['request-optional-property-added'],
  },
  {
    says: "Adding support for more query parameters (as long as it doesn't affect earlier requests).",
    breaking: false,
    rules: ['optional-request-parameter-added'],
  },
  { says: 'Removing an endpoint.', breaking: true, rules: ['operation-removed'] },
  { says: 'Removing a property from the response.', breaking: true, rules: ['response-property-removed'] },
  {
    // An error body that changes media type or loses its schema is a new format: clients parse it.
    says: 'Changing the error response format.',
    breaking: true,
    rules: ['error-response-body-removed', 'response-property-removed', 'response-type-changed'],
  },
  {
    says: '(Changing the error response format,) not the status code.',
    breaking: false,
    rules: ['error-response-removed'],
  },
  { says: 'Changing the status code from 2xx to another 2xx.', breaking: true, rules: ['success-response-removed'] },
  {
    says: 'Reducing the limit on a request. Example: the number of assets to retrieve by `assetIds`.',
    breaking: true,
    rules: ['request-limit-tightened'],
  },
  {
    says: '(Reducing the limit on a request,) not the response.',
    breaking: false,
    rules: ['response-limit-tightened'],
  },
  {
    says: 'Changing the name of query parameters and body properties.',
    breaking: true,
    rules: ['request-parameter-renamed', 'request-property-renamed', 'response-property-renamed'],
  },
  {
    // The order a request gets when it names none is the default of its sort parameter.
    says: 'Changing the sort order if the user expected the original order.',
    breaking: true,
    rules: ['request-default-changed'],
  },
]

/**
 * Cognite (seeds 002/003): its own lists of breaking and compatible changes; breaking changes need a
 * new calendar version; deprecated versions live 12 more months; beta only changes compatibly.
 */
export const cognitePolicy: Policy = _preset({
  name: 'cognite',
  description:
    'Cognite: removing endpoints or response properties, renaming parameters or properties, reducing request limits, changing the error format and changing a 2xx status are breaking; 12 months of deprecation notice.',
  deprecationNoticeDays: 365,
  exemptStabilityLevels: ['draft', 'alpha'],
  promises: cognitePromises,
})

/** IP Fabric's examples of breaking and non-breaking changes (seed 004). */
const ipFabricPromises: readonly PolicyPromise[] = [
  {
    says: 'Removing a parameter.',
    breaking: true,
    rules: ['request-parameter-removed', 'request-property-removed'],
  },
  {
    says: 'Renaming a parameter.',
    breaking: true,
    rules: ['request-parameter-renamed', 'request-property-renamed'],
  },
  { says: 'Removing a response field.', breaking: true, rules: ['response-property-removed'] },
  { says: 'Renaming a response field.', breaking: true, rules: ['response-property-renamed'] },
  { says: 'Adding a new attribute to a response.', breaking: false, rules: ['response-property-added'] },
  {
    says: 'Your application should be designed to gracefully handle and ignore any unexpected fields in API responses.',
    breaking: false,
    rules: ['response-additional-properties-allowed'],
  },
]

/**
 * IP Fabric (seed 004): per-endpoint integer versions; removing or renaming a parameter or response
 * field is breaking, adding response attributes is not; clients ignore unexpected fields.
 */
export const ipFabricPolicy: Policy = _preset({
  name: 'ip-fabric',
  description:
    'IP Fabric: removing or renaming a parameter or a response field needs a new endpoint version; adding response attributes does not.',
  deprecationNoticeDays: 0,
  exemptStabilityLevels: ['draft', 'alpha'],
  promises: ipFabricPromises,
})

/** Confluent's list of backward-compatible changes (seed 001, "Backward Compatibility"). */
const confluentPromises: readonly PolicyPromise[] = [
  { says: 'Adding new API resources.', breaking: false, rules: ['operation-added'] },
  {
    says: 'Adding new optional parameters to existing API requests (e.g., query string).',
    breaking: false,
    rules: ['optional-request-parameter-added'],
  },
  {
    says: 'Adding new properties to existing API resources (e.g., request body).',
    breaking: false,
    rules: ['request-optional-property-added', 'response-property-added'],
  },
  { says: 'Changing the order of properties in existing API responses.', breaking: false, rules: [] },
  {
    says: 'Changing the length or format of object IDs or other opaque strings.',
    breaking: false,
    rules: ['response-max-length-increased', 'response-pattern-changed'],
  },
  { says: 'Adding new API event types.', breaking: false, rules: ['webhook-added'] },
  { says: 'Adding new properties to existing API event types.', breaking: false, rules: ['response-property-added'] },
  {
    says: 'Omitting properties with null values from existing API responses.',
    breaking: false,
    rules: ['response-nullable-property-became-optional'],
  },
  {
    says: 'A resource may be modified to return a "redirection" response (e.g. 301, 307) instead of directly returning the resource.',
    breaking: false,
    rules: ['response-added'],
  },
]

/**
 * Confluent (seed 001): its list of backward-compatible changes; 180 days notice before a breaking
 * one; clients MUST IGNORE unknown fields.
 */
export const confluentPolicy: Policy = _preset({
  name: 'confluent',
  description:
    'Confluent: 180 days notice before a breaking change; opaque ID lengths and formats may change and properties with null values may be omitted from responses.',
  deprecationNoticeDays: 180,
  // Early Access APIs "may change at any time".
  exemptStabilityLevels: ['draft', 'alpha'],
  promises: confluentPromises,
})

/** The named presets, by name. */
export const policyPresets: ReadonlyMap<string, Policy> = new Map(
  [strictPolicy, cognitePolicy, ipFabricPolicy, confluentPolicy].map((policy) => [policy.name, policy]),
)
