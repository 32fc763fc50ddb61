import { defineRule } from './rule.ts'

/** Some callers that were authorised before are no longer (new scheme, new scope, or auth where none). */
export const securityRequirementAdded = defineRule({
  id: 'security-requirement-added',
  severity: 'breaking',
  summary: 'An operation requires authentication, a scheme or a scope that some old callers do not have.',
  example: '`GET /pets` security [] -> [{ oauth: [read:pets] }]',
  message: ({ subject, detail }) => `${subject} now requires ${detail ?? 'more credentials'}.`,
})

/** Fewer credentials are needed. */
export const securityRequirementRelaxed = defineRule({
  id: 'security-requirement-relaxed',
  severity: 'info',
  summary: 'An operation accepts more credentials than before (a scheme, scope or alternative dropped or added).',
  example: '`GET /pets` security [{ oauth: [read, write] }] -> [{ oauth: [read] }]',
  message: ({ subject }) => `${subject} accepts more credentials than before.`,
})
