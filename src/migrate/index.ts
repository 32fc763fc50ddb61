/** Compiled per-route, per-version migration plans. */

export { type Converter, compileConv, type Direction } from './codegen.ts'
/** The migration algebra and its code generator, for tools and benchmarks. */
export { type Conv, composeConvs, composeMaps, type ObjMap, type PropSource, type Stage } from './conv.ts'
export { errorPlans } from './error-plans.ts'
export { checkLedger, compileLedger, type Ledger } from './ledger.ts'
export { type Mount, mountsOf, same } from './mounts.ts'
export { planRoute, type RoutePlan, type RouteSpec, schemaNamesOf, type VersionPlan } from './route-plan.ts'
export { assembleSchema } from './schema-walk.ts'
