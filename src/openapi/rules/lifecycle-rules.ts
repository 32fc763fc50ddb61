import { defineRule, fromTo } from './rule.ts'

/** An operation, parameter or property was marked deprecated. */
export const deprecated = defineRule({
  id: 'deprecated',
  severity: 'info',
  summary: 'An operation, parameter or property was marked `deprecated`.',
  example: '`GET /pets` deprecated: false -> true, x-sunset 2026-01-01',
  message: ({ subject, detail }) => `${subject} is now deprecated${detail ?? ''}.`,
})

/** A deprecated element is no longer deprecated. */
export const reactivated = defineRule({
  id: 'reactivated',
  severity: 'info',
  summary: 'A deprecated operation, parameter or property is no longer deprecated.',
  example: '`GET /pets` deprecated: true -> false',
  message: ({ subject }) => `${subject} is no longer deprecated.`,
})

/** A deprecation announces a sunset sooner than the policy's notice period allows. */
export const deprecationNoticeTooShort = defineRule({
  id: 'deprecation-notice-too-short',
  severity: 'warning',
  summary: "A new deprecation's `x-sunset` gives less notice than the policy requires (e.g. 180 days).",
  example: '`GET /pets` deprecated with x-sunset 30 days ahead, policy 180 days',
  message: ({ subject, detail }) => `${subject} is deprecated with too little notice${detail ?? ''}.`,
})

/** A deprecated element is deprecated without a sunset date, or with one that cannot be read. */
export const sunsetInvalid = defineRule({
  id: 'sunset-invalid',
  severity: 'warning',
  summary: 'An `x-sunset` value is not a date (YYYY-MM-DD or RFC 3339).',
  example: 'x-sunset: "next spring"',
  message: ({ subject, to }) => `${subject} has an x-sunset that is not a date: ${to ?? '(none)'}.`,
})

/** An announced sunset date was moved earlier or deleted. */
export const sunsetChanged = defineRule({
  id: 'sunset-changed',
  severity: 'warning',
  summary: 'The announced `x-sunset` of a deprecated element was moved earlier or deleted.',
  example: 'x-sunset 2026-06-01 -> 2026-01-01',
  message: (input) => `${input.subject} had its announced sunset changed${fromTo(input)}.`,
})

/** An operation's `x-stability-level` was lowered (stable -> beta, beta -> alpha, ...). */
export const stabilityDecreased = defineRule({
  id: 'stability-decreased',
  severity: 'breaking',
  summary: "An operation's `x-stability-level` was lowered.",
  example: 'x-stability-level: stable -> draft',
  message: (input) => `${input.subject} became less stable${fromTo(input)}.`,
})

/** An `x-stability-level` value is not one of draft, alpha, beta, stable. */
export const stabilityInvalid = defineRule({
  id: 'stability-invalid',
  severity: 'warning',
  summary: 'An `x-stability-level` is not one of draft, alpha, beta, stable.',
  example: 'x-stability-level: "experimental"',
  message: ({ subject, to }) => `${subject} has an unknown x-stability-level ${to ?? ''}.`,
})
