import { defineRule, fromTo } from './rule.ts'

/** A limit on request values is stricter (maxLength, maximum, minItems, multipleOf, ...). */
export const requestLimitTightened = defineRule({
  id: 'request-limit-tightened',
  severity: 'breaking',
  summary: 'A limit on a request value became stricter (max decreased, min increased, or newly set).',
  example: 'request `assetIds` maxItems 1000 -> 100',
  message: (input) =>
    `${input.subject} has a stricter ${input.detail ?? 'limit'}${fromTo(input)}; requests that were valid may be rejected.`,
})

/** A limit on request values is looser. */
export const requestLimitLoosened = defineRule({
  id: 'request-limit-loosened',
  severity: 'info',
  summary: 'A limit on a request value was relaxed (Cognite: increasing the request limits).',
  example: 'request `limit` maximum 100 -> 1000',
  message: (input) => `${input.subject} has a looser ${input.detail ?? 'limit'}${fromTo(input)}.`,
})

/** Clients may read values outside the limits they were promised. */
export const responseLimitLoosened = defineRule({
  id: 'response-limit-loosened',
  severity: 'breaking',
  summary: 'A limit on a response value was relaxed, so clients may read values outside the old range.',
  example: 'response `count` maximum 100 -> 1000',
  message: (input) =>
    `${input.subject} has a looser ${input.detail ?? 'limit'}${fromTo(input)}; clients may receive values they did not expect.`,
})

/** A response string may be longer than before: opaque IDs and tokens grow (Confluent allows it). */
export const responseMaxLengthIncreased = defineRule({
  id: 'response-max-length-increased',
  severity: 'breaking',
  summary: 'The maxLength of a response string grew or was removed (opaque IDs: allowed by some policies).',
  example: 'response `id` maxLength 32 -> 64',
  message: (input) => `${input.subject} may be longer${fromTo(input)}; clients with fixed-size storage may fail.`,
})

/** A limit on response values is stricter. */
export const responseLimitTightened = defineRule({
  id: 'response-limit-tightened',
  severity: 'info',
  summary: 'A limit on a response value became stricter.',
  example: 'response `name` maxLength 255 -> 100',
  message: (input) => `${input.subject} has a stricter ${input.detail ?? 'limit'}${fromTo(input)}.`,
})

/** A request string must now match a pattern. */
export const requestPatternAdded = defineRule({
  id: 'request-pattern-added',
  severity: 'breaking',
  summary: 'A request string must now match a `pattern`.',
  example: 'request `code` (no pattern) -> pattern `^[A-Z]{3}$`',
  message: ({ subject, to }) => `${subject} must now match ${to ?? 'a pattern'}.`,
})

/** A request pattern changed: it may accept less (the checker cannot tell). */
export const requestPatternChanged = defineRule({
  id: 'request-pattern-changed',
  severity: 'warning',
  summary: 'The `pattern` of a request string changed; check that it accepts every value it accepted before.',
  example: 'request `code` pattern `^[A-Z]+$` -> `^[A-Z]{3}$`',
  message: (input) => `${input.subject} has another pattern${fromTo(input)}; values that matched may not match.`,
})

/** A response pattern changed or was dropped. */
export const responsePatternChanged = defineRule({
  id: 'response-pattern-changed',
  severity: 'warning',
  summary: 'The `pattern` of a response string changed or was removed.',
  example: 'response `code` pattern `^[A-Z]{3}$` -> (none)',
  message: (input) =>
    `${input.subject} has another pattern${fromTo(input)}; clients may read values they did not expect.`,
})
