import { defineRule } from './rule.ts'

/** A request body that clients must now send. */
export const requestBodyBecameRequired = defineRule({
  id: 'request-body-became-required',
  severity: 'breaking',
  summary: 'A request body was added as required, or an optional one became required.',
  example: '`POST /pets` requestBody.required false -> true',
  message: ({ subject }) => `${subject} is now required; requests without a body will fail.`,
})

/** A request body that clients may now omit. */
export const requestBodyBecameOptional = defineRule({
  id: 'request-body-became-optional',
  severity: 'info',
  summary: 'A required request body became optional (or an optional one was added).',
  example: '`POST /pets` requestBody.required true -> false',
  message: ({ subject }) => `${subject} is now optional.`,
})

/** The request body disappeared: what clients send is no longer read. */
export const requestBodyRemoved = defineRule({
  id: 'request-body-removed',
  severity: 'breaking',
  summary: 'The request body of an operation was removed.',
  example: '`POST /pets` requestBody present -> absent',
  message: ({ subject }) => `${subject} was removed; the data clients send is no longer accepted.`,
})

/** A GET or HEAD lost a body that declared no schema: such a body has no defined meaning there. */
export const requestBodyRemovedFromGet = defineRule({
  id: 'request-body-removed-from-get',
  severity: 'info',
  summary: 'A request body that declared no schema (examples only) was removed from a GET or HEAD operation.',
  example: '`GET /contents` requestBody { content: { application/json: { examples } } } -> absent',
  message: ({ subject }) =>
    `${subject} was removed; it declared no schema, and a GET or HEAD body has no defined meaning (RFC 9110).`,
})

/** A media type clients send is no longer accepted. */
export const requestMediaTypeRemoved = defineRule({
  id: 'request-media-type-removed',
  severity: 'breaking',
  summary: 'A request media type is no longer accepted.',
  example: 'requestBody content `application/xml` present -> absent',
  message: ({ subject }) => `${subject} is no longer accepted.`,
})

/** A new request media type. */
export const requestMediaTypeAdded = defineRule({
  id: 'request-media-type-added',
  severity: 'info',
  summary: 'A new request media type is accepted.',
  example: 'absent -> requestBody content `application/merge-patch+json`',
  message: ({ subject }) => `${subject} is now accepted.`,
})

/** A media type whose body had no schema (anything accepted) now has one. */
export const requestSchemaAdded = defineRule({
  id: 'request-schema-added',
  severity: 'breaking',
  summary: 'A request media type that accepted any body now declares a schema.',
  example: 'content `application/json` {} -> { schema: { type: object } }',
  message: ({ subject }) => `${subject} now has a schema; bodies that do not match it will be rejected.`,
})

/** A response media type's schema was removed: clients no longer know the shape. */
export const responseSchemaRemoved = defineRule({
  id: 'response-schema-removed',
  severity: 'breaking',
  summary: 'A response media type no longer declares a schema.',
  example: 'content `application/json` { schema: ... } -> {}',
  message: ({ subject }) => `${subject} no longer declares a schema; clients cannot rely on its shape.`,
})
