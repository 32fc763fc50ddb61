import { defineRule, fromTo } from './rule.ts'

/** A request parameter disappeared (renames and moves have rules of their own). */
export const requestParameterRemoved = defineRule({
  id: 'request-parameter-removed',
  severity: 'breaking',
  summary: 'A request parameter was removed.',
  example: '`GET /assets?assetIds=` -> `GET /assets`',
  message: ({ subject, detail }) =>
    `${subject} was removed${detail ?? ''}; clients that send it get different results or an error.`,
})

/** A parameter is defined as before but under another name (in the same location). */
export const requestParameterRenamed = defineRule({
  id: 'request-parameter-renamed',
  severity: 'breaking',
  summary: 'A request parameter was renamed (same location, schema, requiredness and style).',
  example: '`GET /assets?assetIds=` -> `GET /assets?ids=`',
  message: ({ subject, from, to }) =>
    `${subject} was renamed to ${to ?? 'another name'}; clients that send ${from ?? 'the old name'} get different results or an error.`,
})

/** A parameter of the same name is now read from another location (query, header or cookie). */
export const requestParameterMoved = defineRule({
  id: 'request-parameter-moved',
  severity: 'breaking',
  summary: 'A request parameter moved to another location (query, header or cookie) under the same name.',
  example: 'query `api_key` -> header `api_key`',
  message: ({ subject, from, to }) =>
    `${subject} moved to the ${to ?? 'another location'}; clients that still send it in the ${from ?? 'old location'} get different results or an error.`,
})

/** A deprecated parameter was removed after its sunset (or it announced none). */
export const requestParameterRemovedAfterDeprecation = defineRule({
  id: 'request-parameter-removed-after-deprecation',
  severity: 'info',
  summary: 'A deprecated request parameter was removed after its sunset date (or it had none).',
  example: 'query `legacy` deprecated, x-sunset 2020-01-01 -> absent',
  message: ({ subject }) => `${subject} was removed after its deprecation period.`,
})

/** A new parameter that clients must send. */
export const requiredRequestParameterAdded = defineRule({
  id: 'required-request-parameter-added',
  severity: 'breaking',
  summary: 'A new required request parameter was added.',
  example: 'absent -> query `tenant` (required)',
  message: ({ subject }) => `${subject} was added as required; existing requests do not send it.`,
})

/** A new optional parameter. */
export const optionalRequestParameterAdded = defineRule({
  id: 'optional-request-parameter-added',
  severity: 'info',
  summary: 'A new optional request parameter was added.',
  example: 'absent -> query `sort` (optional)',
  message: ({ subject }) => `${subject} was added as optional.`,
})

/** An optional parameter became required. */
export const requestParameterBecameRequired = defineRule({
  id: 'request-parameter-became-required',
  severity: 'breaking',
  summary: 'An optional request parameter became required.',
  example: 'query `limit` required: false -> true',
  message: ({ subject }) => `${subject} became required; requests that omit it will fail.`,
})

/** A required parameter became optional. */
export const requestParameterBecameOptional = defineRule({
  id: 'request-parameter-became-optional',
  severity: 'info',
  summary: 'A required request parameter became optional.',
  example: 'query `limit` required: true -> false',
  message: ({ subject }) => `${subject} became optional.`,
})

/** The serialisation of a parameter changed (style or explode). */
export const requestParameterStyleChanged = defineRule({
  id: 'request-parameter-style-changed',
  severity: 'breaking',
  summary: 'The `style` or `explode` of a request parameter changed, so existing requests serialise it differently.',
  example: 'query `ids` style form, explode true -> explode false',
  message: (input) => `${input.subject} is serialised differently${fromTo(input)}.`,
})
