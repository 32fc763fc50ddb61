/** Compare OpenAPI documents: load, diff, classify under a policy, and report. */
export * from './diff/index.ts'
export * from './load/index.ts'
export * from './policy/index.ts'
export * from './report/index.ts'
export * from './rules/index.ts'
