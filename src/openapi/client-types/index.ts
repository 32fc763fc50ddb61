/** Per-version client types from published contracts (`strata client-types`). */
export { generateClientTypes, namespaceOf, type VersionContract } from './generate-client-types.ts'
export { readContracts } from './read-contracts.ts'
