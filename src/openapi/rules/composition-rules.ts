import { defineRule } from './rule.ts'

/** A shape clients could send (a oneOf/anyOf alternative) is no longer accepted. */
export const requestAlternativeRemoved = defineRule({
  id: 'request-alternative-removed',
  severity: 'breaking',
  summary: 'A `oneOf`/`anyOf` alternative is no longer accepted in a request.',
  example: 'request oneOf [Cat, Dog] -> [Cat]',
  message: ({ subject, detail }) => `${subject} no longer accepts ${detail ?? 'an alternative'}.`,
})

/** A new shape clients may send. */
export const requestAlternativeAdded = defineRule({
  id: 'request-alternative-added',
  severity: 'info',
  summary: 'A new `oneOf`/`anyOf` alternative is accepted in a request.',
  example: 'request oneOf [Cat] -> [Cat, Dog]',
  message: ({ subject, detail }) => `${subject} now accepts ${detail ?? 'another alternative'}.`,
})

/** Clients may read a shape they do not know (oneOf: usually a closed set switched over). */
export const responseOneOfAdded = defineRule({
  id: 'response-one-of-added',
  severity: 'breaking',
  summary: 'A response `oneOf` may return a new alternative; clients that switch over the known ones may fail.',
  example: 'response oneOf [Cat] -> [Cat, Dog]',
  message: ({ subject, detail }) => `${subject} may now return ${detail ?? 'another alternative'}.`,
})

/** A response anyOf (an open union) may return another shape. */
export const responseAnyOfAdded = defineRule({
  id: 'response-any-of-added',
  severity: 'warning',
  summary: 'A response `anyOf` may return a new alternative.',
  example: 'response anyOf [Cat] -> [Cat, Dog]',
  message: ({ subject, detail }) => `${subject} may now return ${detail ?? 'another alternative'}.`,
})

/** A response returns fewer shapes. */
export const responseAlternativeRemoved = defineRule({
  id: 'response-alternative-removed',
  severity: 'info',
  summary: 'A response `oneOf`/`anyOf` alternative is no longer returned.',
  example: 'response oneOf [Cat, Dog] -> [Cat]',
  message: ({ subject, detail }) => `${subject} no longer returns ${detail ?? 'an alternative'}.`,
})

/** A request must also satisfy a new allOf member. */
export const requestAllOfAdded = defineRule({
  id: 'request-all-of-added',
  severity: 'breaking',
  summary: 'A request value must also satisfy a new `allOf` member that carries constraints.',
  example: 'request allOf [Pet] -> [Pet, Identified]',
  message: ({ subject, detail }) => `${subject} must now also satisfy ${detail ?? 'a new schema'}.`,
})

/** allOf members removed from requests, or changed in responses. */
export const allOfChanged = defineRule({
  id: 'all-of-changed',
  severity: 'info',
  summary: 'An `allOf` member was removed from a request, or added to or removed from a response.',
  example: 'response allOf [Pet, Identified] -> [Pet]',
  message: ({ subject, detail }) => `${subject} changed its allOf members: ${detail ?? ''}.`,
})

/** A schema was replaced by a oneOf of alternatives: values valid before may match several or none. */
export const wrappedInOneOf = defineRule({
  id: 'wrapped-in-one-of',
  severity: 'breaking',
  summary: 'A schema was replaced by a `oneOf`; values that were valid may now match none or several alternatives.',
  example: 'request `{ foo, bar }` -> oneOf [{ foo }, { bar }]',
  message: ({ subject, detail }) =>
    `${subject} was wrapped in a oneOf; ${detail ?? 'values that were valid may no longer be'}.`,
})

/**
 * The discriminator now names another property: clients that dispatch on it (and requests that set
 * it) no longer decide the type.
 */
export const discriminatorPropertyChanged = defineRule({
  id: 'discriminator-property-changed',
  severity: 'breaking',
  summary: "A discriminator's property name changed.",
  example: 'discriminator propertyName `petType` -> `kind`',
  message: ({ subject, from, to }) =>
    `${subject} is now told apart by ${to ?? 'another property'} instead of ${from ?? 'its old property'}; clients that dispatch on the old one can no longer read it.`,
})

/**
 * A discriminator value now leads to another schema (or, in a request, to none): a client that
 * dispatches on it parses the object as the wrong type, and a request that sends it is read as one.
 */
export const discriminatorMappingChanged = defineRule({
  id: 'discriminator-mapping-changed',
  severity: 'breaking',
  summary:
    'A discriminator value maps to another schema, or a request value is no longer mapped (responses: a value no longer returned is news).',
  example: 'discriminator mapping { dog: Dog } -> { dog: Wolf }',
  message: ({ subject, detail }) =>
    `${subject} maps ${detail ?? 'a value'} differently; clients that dispatch on it read another type.`,
})

/** A discriminator value appeared or, in a response, stopped being returned. */
export const discriminatorMappingExtended = defineRule({
  id: 'discriminator-mapping-extended',
  severity: 'info',
  summary: 'A discriminator mapping gained a value, or a response mapping lost one.',
  example: 'discriminator mapping { dog: Dog } -> { dog: Dog, cat: Cat }',
  message: ({ subject, detail }) => `${subject} has a discriminator mapping with ${detail ?? 'other values'}.`,
})
