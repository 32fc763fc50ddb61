import { defineRule } from './rule.ts'

/** A success status was removed or replaced (200 -> 201 is breaking per Cognite). */
export const successResponseRemoved = defineRule({
  id: 'success-response-removed',
  severity: 'breaking',
  summary: 'A success (2xx) response status was removed or replaced by another 2xx.',
  example: '`POST /pets` 200 -> 201',
  message: ({ subject, detail }) => `${subject} was removed${detail ?? ''}; clients expecting it will fail.`,
})

/** An error or other non-success status is no longer documented. */
export const errorResponseRemoved = defineRule({
  id: 'error-response-removed',
  severity: 'info',
  summary: 'A non-success response status is no longer documented.',
  example: '`GET /pets` 404 present -> absent',
  message: ({ subject }) => `${subject} is no longer documented.`,
})

/** An error response no longer documents its body: treated like the error response no longer documented. */
export const errorResponseBodyRemoved = defineRule({
  id: 'error-response-body-removed',
  severity: 'info',
  summary: 'A non-success response no longer documents a body media type or its schema.',
  example: '`GET /pets` 404 content `application/json` present -> absent',
  message: ({ subject }) => `${subject} no longer documents its body.`,
})

/** A new response status. */
export const responseAdded = defineRule({
  id: 'response-added',
  severity: 'info',
  summary: 'A new response status is documented.',
  example: 'absent -> `GET /pets` 429',
  message: ({ subject }) => `${subject} was added.`,
})

/** A media type the response was available in is gone. */
export const responseMediaTypeRemoved = defineRule({
  id: 'response-media-type-removed',
  severity: 'breaking',
  summary: 'A response media type is no longer returned.',
  example: 'response 200 content `application/xml` present -> absent',
  message: ({ subject }) => `${subject} is no longer returned.`,
})

/** A new response media type. */
export const responseMediaTypeAdded = defineRule({
  id: 'response-media-type-added',
  severity: 'info',
  summary: 'A new response media type may be returned.',
  example: 'absent -> response 200 content `text/csv`',
  message: ({ subject }) => `${subject} may now be returned.`,
})

/** A response header clients could read is gone. */
export const responseHeaderRemoved = defineRule({
  id: 'response-header-removed',
  severity: 'breaking',
  summary: 'A response header was removed.',
  example: 'response 200 header `X-RateLimit-Remaining` present -> absent',
  message: ({ subject }) => `${subject} was removed.`,
})

/** A response header that was always sent may now be missing. */
export const responseHeaderBecameOptional = defineRule({
  id: 'response-header-became-optional',
  severity: 'breaking',
  summary: 'A required response header became optional.',
  example: 'response 200 header `Location` required: true -> false',
  message: ({ subject }) => `${subject} may now be missing.`,
})

/** A new response header. */
export const responseHeaderAdded = defineRule({
  id: 'response-header-added',
  severity: 'info',
  summary: 'A new response header is documented.',
  example: 'absent -> response 200 header `Deprecation`',
  message: ({ subject }) => `${subject} was added.`,
})
