/** Compare OpenAPI documents: load, diff, classify under a policy, and report. */
/** Per-version contracts from head + ledger, the snapshot check, and the changelog. */

/** Per-version client types for strata/client (openapi-typescript, loaded on use). */
export * from './client-types/index.ts'
export * from './contract/index.ts'
export * from './diff/index.ts'
export * from './load/index.ts'
export * from './policy/index.ts'
export * from './report/index.ts'
export * from './rules/index.ts'
