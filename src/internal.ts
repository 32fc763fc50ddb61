// `strata/internal`: the engine's internals, for tools and benchmarks. UNSTABLE: any release may
// change or remove these names without notice; applications use the root `strata` export.

/** Scope engines and version contexts, as `defineApi` builds them. */
export * from './api/index.ts'
/** The ledger's instruction types and builders. */
export * from './change/index.ts'
/** Deprecation, sunset and refusal formatting; the lifecycle gate. */
export * from './lifecycle/index.ts'
/** The migration algebra, its code generator and interpreter, compiled ledgers and route plans. */
export * from './migrate/index.ts'
/** Negotiators and version sources. */
export * from './negotiate/index.ts'
/** The runtime's building blocks (compiled routes, validators, the route registry). */
export * from './runtime/index.ts'
/** Schema registration. */
export * from './schema/index.ts'
/** Version schemes, sets, phases and policies. */
export * from './version/index.ts'
