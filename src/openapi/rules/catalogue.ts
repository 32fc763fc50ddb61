import * as body from './body-rules.ts'
import * as composition from './composition-rules.ts'
import * as enums from './enum-rules.ts'
import * as keyword from './keyword-rules.ts'
import * as lifecycle from './lifecycle-rules.ts'
import * as limit from './limit-rules.ts'
import * as operation from './operation-rules.ts'
import * as parameter from './parameter-rules.ts'
import * as property from './property-rules.ts'
import * as response from './response-rules.ts'
import type { Rule } from './rule.ts'
import * as security from './security-rules.ts'
import * as server from './server-rules.ts'
import * as type from './type-rules.ts'

/** The families of rules, in the order `docs/rules.md` lists them. */
export const ruleFamilies: ReadonlyArray<{ title: string; rules: readonly Rule[] }> = [
  { title: 'Operations and webhooks', rules: Object.values(operation) },
  { title: 'Lifecycle: deprecation, sunset, stability', rules: Object.values(lifecycle) },
  { title: 'Servers', rules: Object.values(server) },
  { title: 'Security', rules: Object.values(security) },
  { title: 'Parameters', rules: Object.values(parameter) },
  { title: 'Request and response bodies', rules: Object.values(body) },
  { title: 'Responses', rules: Object.values(response) },
  { title: 'Schema properties', rules: Object.values(property) },
  { title: 'Schema types and nullability', rules: Object.values(type) },
  { title: 'Enums, const and defaults', rules: Object.values(enums) },
  { title: 'Limits and patterns', rules: Object.values(limit) },
  { title: 'Composition (oneOf, anyOf, allOf, discriminator)', rules: Object.values(composition) },
  { title: 'Other JSON Schema keywords', rules: Object.values(keyword) },
]

/** Every rule the checker knows, by id. */
export const rules: ReadonlyMap<string, Rule> = new Map(
  ruleFamilies.flatMap((family) => family.rules.map((rule) => [rule.id, rule] as const)),
)
