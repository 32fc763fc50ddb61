/** Policies: named presets and per-rule severity overrides from a config file. */

export { type Policy, type PolicyPromise, type RuleSetting, severityFor } from './policy.ts'
export {
  applyPolicyConfig,
  isPolicyConfigError,
  loadPolicyConfig,
  PolicyConfigError,
  policyByName,
} from './policy-config.ts'
export { cognitePolicy, confluentPolicy, ipFabricPolicy, policyPresets, strictPolicy } from './presets.ts'
