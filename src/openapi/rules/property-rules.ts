import { defineRule } from './rule.ts'

/** A request property disappeared (a rename has a rule of its own). */
export const requestPropertyRemoved = defineRule({
  id: 'request-property-removed',
  severity: 'breaking',
  summary: 'A request body property was removed.',
  example: 'request `{ name, tag }` -> `{ name }`',
  message: ({ subject }) => `${subject} was removed; the value clients send is no longer read.`,
})

/** A request property is defined as before but under another name. */
export const requestPropertyRenamed = defineRule({
  id: 'request-property-renamed',
  severity: 'breaking',
  summary: 'A request body property was renamed (same schema and requiredness).',
  example: 'request `{ name }` -> `{ title }`',
  message: ({ subject, from, to }) =>
    `${subject} was renamed to ${to ?? 'another name'}; the value clients send as ${from ?? 'the old name'} is no longer read.`,
})

/** A new property clients must send. */
export const requestRequiredPropertyAdded = defineRule({
  id: 'request-required-property-added',
  severity: 'breaking',
  summary: 'A new required request body property was added.',
  example: 'request `{ name }` -> `{ name, owner (required) }`',
  message: ({ subject }) => `${subject} was added as required; existing requests do not send it.`,
})

/** A new optional request property. */
export const requestOptionalPropertyAdded = defineRule({
  id: 'request-optional-property-added',
  severity: 'info',
  summary: 'A new optional request body property was added.',
  example: 'request `{ name }` -> `{ name, tags? }`',
  message: ({ subject }) => `${subject} was added as optional.`,
})

/** An optional request property became required. */
export const requestPropertyBecameRequired = defineRule({
  id: 'request-property-became-required',
  severity: 'breaking',
  summary: 'An optional request body property became required.',
  example: 'request `tags?` -> `tags` (required)',
  message: ({ subject }) => `${subject} became required; requests that omit it will fail.`,
})

/** A required request property became optional. */
export const requestPropertyBecameOptional = defineRule({
  id: 'request-property-became-optional',
  severity: 'info',
  summary: 'A required request body property became optional.',
  example: 'request `name` (required) -> `name?`',
  message: ({ subject }) => `${subject} became optional.`,
})

/** A property clients read disappeared (a rename has a rule of its own). */
export const responsePropertyRemoved = defineRule({
  id: 'response-property-removed',
  severity: 'breaking',
  summary: 'A response property was removed.',
  example: 'response `{ id, name }` -> `{ id }`',
  message: ({ subject }) => `${subject} was removed; clients that read it will break.`,
})

/** A response property is defined as before but under another name. */
export const responsePropertyRenamed = defineRule({
  id: 'response-property-renamed',
  severity: 'breaking',
  summary: 'A response property was renamed (same schema and requiredness).',
  example: 'response `{ id, name }` -> `{ id, title }`',
  message: ({ subject, from, to }) =>
    `${subject} was renamed to ${to ?? 'another name'}; clients that read ${from ?? 'the old name'} will break.`,
})

/** A new response property (clients must ignore unknown fields). */
export const responsePropertyAdded = defineRule({
  id: 'response-property-added',
  severity: 'info',
  summary: 'A new response property was added.',
  example: 'response `{ id }` -> `{ id, createdAt }`',
  message: ({ subject }) => `${subject} was added.`,
})

/** A response property that was always present may now be missing. */
export const responsePropertyBecameOptional = defineRule({
  id: 'response-property-became-optional',
  severity: 'breaking',
  summary: 'A required response property became optional, so clients may not find it.',
  example: 'response `name` (required) -> `name?`',
  message: ({ subject }) => `${subject} became optional; clients may no longer find it.`,
})

/**
 * A required response property that could be null may now be missing instead: clients that tell
 * `null` from absent see a difference (Confluent calls omitting null-valued properties compatible).
 */
export const responseNullablePropertyBecameOptional = defineRule({
  id: 'response-nullable-property-became-optional',
  severity: 'breaking',
  summary:
    'A required response property that could be null became optional, so clients may find it missing instead of null.',
  example: 'response `note` (required, nullable) -> `note?` (nullable)',
  message: ({ subject }) =>
    `${subject} could be null and became optional; clients may find it missing instead of null.`,
})

/** A response property is now always present. */
export const responsePropertyBecameRequired = defineRule({
  id: 'response-property-became-required',
  severity: 'info',
  summary: 'An optional response property is now always present.',
  example: 'response `name?` -> `name` (required)',
  message: ({ subject }) => `${subject} is now always present.`,
})

/** Unknown request properties that were accepted are now rejected. */
export const requestAdditionalPropertiesRestricted = defineRule({
  id: 'request-additional-properties-restricted',
  severity: 'breaking',
  summary: 'A request object stopped accepting, or now constrains, additional properties.',
  example: 'request additionalProperties: true -> false',
  message: ({ subject }) => `${subject} now restricts additional properties.`,
})

/** A response object may carry properties it did not before. */
export const responseAdditionalPropertiesAllowed = defineRule({
  id: 'response-additional-properties-allowed',
  severity: 'info',
  summary: 'A response object may now carry additional properties.',
  example: 'response additionalProperties: false -> true',
  message: ({ subject }) => `${subject} may now carry additional properties.`,
})
