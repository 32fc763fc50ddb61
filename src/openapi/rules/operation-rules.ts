import { defineRule } from './rule.ts'

/** An operation disappeared from the new document without going through deprecation. */
export const operationRemoved = defineRule({
  id: 'operation-removed',
  severity: 'breaking',
  summary: 'An operation was removed without being deprecated first.',
  example: '`GET /pets/{id}` present -> absent',
  message: ({ subject }) => `${subject} was removed; clients that call it will fail.`,
})

/** A deprecated operation was removed before the sunset date it announced. */
export const operationRemovedBeforeSunset = defineRule({
  id: 'operation-removed-before-sunset',
  severity: 'breaking',
  summary: 'A deprecated operation was removed before its announced `x-sunset` date.',
  example: '`GET /pets` deprecated, x-sunset 2099-01-01 -> absent',
  message: ({ subject, detail }) => `${subject} was removed before its announced sunset${detail ?? ''}.`,
})

/** A deprecated operation was removed once its sunset passed (or it never announced one). */
export const operationRemovedAfterDeprecation = defineRule({
  id: 'operation-removed-after-deprecation',
  severity: 'info',
  summary: 'A deprecated operation was removed after its sunset date (or it had none).',
  example: '`GET /pets` deprecated, x-sunset 2020-01-01 -> absent',
  message: ({ subject }) => `${subject} was removed after its deprecation period.`,
})

/** A new operation. */
export const operationAdded = defineRule({
  id: 'operation-added',
  severity: 'info',
  summary: 'A new operation was added.',
  example: 'absent -> `POST /pets`',
  message: ({ subject }) => `${subject} was added.`,
})

/** A webhook the API calls was removed: subscribers stop receiving it. */
export const webhookRemoved = defineRule({
  id: 'webhook-removed',
  severity: 'breaking',
  summary: 'A webhook was removed.',
  example: 'webhook `petCreated` present -> absent',
  message: ({ subject }) => `${subject} was removed; subscribers will stop receiving it.`,
})

/** A new webhook. */
export const webhookAdded = defineRule({
  id: 'webhook-added',
  severity: 'info',
  summary: 'A new webhook was added.',
  example: 'absent -> webhook `petCreated`',
  message: ({ subject }) => `${subject} was added.`,
})
