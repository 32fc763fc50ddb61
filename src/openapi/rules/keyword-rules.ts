import { defineRule } from './rule.ts'

/** A JSON Schema applicator or assertion was added to a request schema (if, not, contains, ...). */
export const requestConstraintAdded = defineRule({
  id: 'request-constraint-added',
  severity: 'breaking',
  summary:
    'A request schema gained a constraint keyword (`not`, `if`/`then`/`else`, `contains`, `dependentRequired`, `prefixItems`, `unevaluatedProperties`, `propertyNames`, `patternProperties`, `content*`, ...).',
  example: 'request `tags` (no contains) -> contains { const: "core" }',
  message: ({ subject, detail }) =>
    `${subject} gained the constraint ${detail ?? ''}; requests that were valid may be rejected.`,
})

/** A request constraint keyword changed. */
export const requestConstraintChanged = defineRule({
  id: 'request-constraint-changed',
  severity: 'breaking',
  summary: 'A constraint keyword of a request schema changed.',
  example: 'request dependentRequired { a: [b] } -> { a: [b, c] }',
  message: ({ subject, detail }) =>
    `${subject} changed the constraint ${detail ?? ''}; requests that were valid may be rejected.`,
})

/** A request constraint keyword was dropped. */
export const requestConstraintRemoved = defineRule({
  id: 'request-constraint-removed',
  severity: 'info',
  summary: 'A constraint keyword was removed from a request schema.',
  example: 'request `tags` contains { const: "core" } -> (none)',
  message: ({ subject, detail }) => `${subject} dropped the constraint ${detail ?? ''}.`,
})

/** Clients may read values that the dropped constraint used to exclude. */
export const responseConstraintRemoved = defineRule({
  id: 'response-constraint-removed',
  severity: 'breaking',
  summary: 'A constraint keyword was removed from a response schema, so clients may read values it excluded.',
  example: 'response `tags` contains { const: "core" } -> (none)',
  message: ({ subject, detail }) =>
    `${subject} dropped the constraint ${detail ?? ''}; clients may read values they did not expect.`,
})

/** A response constraint keyword changed. */
export const responseConstraintChanged = defineRule({
  id: 'response-constraint-changed',
  severity: 'breaking',
  summary: 'A constraint keyword of a response schema changed.',
  example: 'response propertyNames { pattern: "^a" } -> { pattern: "^b" }',
  message: ({ subject, detail }) =>
    `${subject} changed the constraint ${detail ?? ''}; clients may read values they did not expect.`,
})

/** A response constraint keyword was added. */
export const responseConstraintAdded = defineRule({
  id: 'response-constraint-added',
  severity: 'info',
  summary: 'A constraint keyword was added to a response schema.',
  example: 'response `tags` (none) -> contains { const: "core" }',
  message: ({ subject, detail }) => `${subject} gained the constraint ${detail ?? ''}.`,
})
