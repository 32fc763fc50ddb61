import { defineRule, fromTo } from './rule.ts'

/** Values clients send may no longer be accepted. */
export const requestTypeChanged = defineRule({
  id: 'request-type-changed',
  severity: 'breaking',
  summary: 'The type or format of a request value changed or narrowed.',
  example: 'request `count` type number -> integer',
  message: (input) => `${input.subject} changed type${fromTo(input)}; values clients send may be rejected.`,
})

/** A request value accepts more than before. */
export const requestTypeWidened = defineRule({
  id: 'request-type-widened',
  severity: 'info',
  summary: 'The type or format of a request value was widened.',
  example: 'request `count` type integer -> number',
  message: (input) => `${input.subject} accepts more types${fromTo(input)}.`,
})

/** Values clients read may have another type. */
export const responseTypeChanged = defineRule({
  id: 'response-type-changed',
  severity: 'breaking',
  summary: 'The type or format of a response value changed or widened.',
  example: 'response `id` type integer -> string',
  message: (input) => `${input.subject} changed type${fromTo(input)}; clients may fail to read it.`,
})

/** A response value is narrower than before. */
export const responseTypeNarrowed = defineRule({
  id: 'response-type-narrowed',
  severity: 'info',
  summary: 'The type or format of a response value was narrowed.',
  example: 'response `count` type number -> integer',
  message: (input) => `${input.subject} is narrower${fromTo(input)}.`,
})

/** A request value no longer accepts null. */
export const requestBecameNotNullable = defineRule({
  id: 'request-became-not-nullable',
  severity: 'breaking',
  summary: 'A request value no longer accepts null.',
  example: 'request `nickname` nullable: true -> false',
  message: ({ subject }) => `${subject} no longer accepts null.`,
})

/** A request value now accepts null. */
export const requestBecameNullable = defineRule({
  id: 'request-became-nullable',
  severity: 'info',
  summary: 'A request value now accepts null.',
  example: "request `nickname` type string -> ['string', 'null']",
  message: ({ subject }) => `${subject} now accepts null.`,
})

/** A response value may now be null. */
export const responseBecameNullable = defineRule({
  id: 'response-became-nullable',
  severity: 'breaking',
  summary: 'A response value may now be null.',
  example: "response `name` type string -> ['string', 'null']",
  message: ({ subject }) => `${subject} may now be null; clients that do not expect null may fail.`,
})

/** A response value is never null any more. */
export const responseBecameNotNullable = defineRule({
  id: 'response-became-not-nullable',
  severity: 'info',
  summary: 'A response value is never null any more.',
  example: 'response `name` nullable: true -> false',
  message: ({ subject }) => `${subject} is never null any more.`,
})
