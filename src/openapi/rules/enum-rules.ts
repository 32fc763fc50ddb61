import { defineRule } from './rule.ts'

/** A value clients may send is no longer allowed (covers `const` changes too). */
export const requestEnumValueRemoved = defineRule({
  id: 'request-enum-value-removed',
  severity: 'breaking',
  summary: 'An enum (or const) value is no longer accepted in a request.',
  example: 'request `status` enum [active, paused] -> [active]',
  message: ({ subject, detail }) => `${subject} no longer accepts ${detail ?? 'a value'}.`,
})

/** A request value is now restricted to a list. */
export const requestBecameEnum = defineRule({
  id: 'request-became-enum',
  severity: 'breaking',
  summary: 'A free request value is now restricted to an enum (or const).',
  example: 'request `status` type string -> enum [active, paused]',
  message: ({ subject, detail }) => `${subject} is now restricted to ${detail ?? 'a list of values'}.`,
})

/** A request value accepts more values. */
export const requestEnumValueAdded = defineRule({
  id: 'request-enum-value-added',
  severity: 'info',
  summary: 'A request enum accepts a new value (or no longer restricts values).',
  example: 'request `status` enum [active] -> [active, paused]',
  message: ({ subject, detail }) => `${subject} now accepts ${detail ?? 'more values'}.`,
})

/** Clients may read a value they do not know. */
export const responseEnumValueAdded = defineRule({
  id: 'response-enum-value-added',
  severity: 'breaking',
  summary: 'A response enum (not declared extensible) may return a new value.',
  example: 'response `status` enum [active] -> [active, archived]',
  message: ({ subject, detail }) => `${subject} may now return ${detail ?? 'new values'}; clients may not handle it.`,
})

/** A response value is no longer restricted to a list. */
export const responseEnumRemoved = defineRule({
  id: 'response-enum-removed',
  severity: 'breaking',
  summary: 'A response value that was restricted to an enum (or const) is no longer restricted.',
  example: 'response `status` enum [active, paused] -> type string',
  message: ({ subject }) => `${subject} is no longer restricted to a list of values; clients may not handle new ones.`,
})

/** A response returns fewer values than before. */
export const responseEnumValueRemoved = defineRule({
  id: 'response-enum-value-removed',
  severity: 'info',
  summary: 'A response enum no longer returns a value.',
  example: 'response `status` enum [active, paused] -> [active]',
  message: ({ subject, detail }) => `${subject} no longer returns ${detail ?? 'a value'}.`,
})

/** A response enum declared extensible (`x-extensible-enum`) gained a value: clients were told to expect that. */
export const responseExtensibleEnumValueAdded = defineRule({
  id: 'response-extensible-enum-value-added',
  severity: 'info',
  summary: 'A response enum declared extensible (`x-extensible-enum`) may return a new value.',
  example: 'response `status` x-extensible-enum [active] -> [active, archived]',
  message: ({ subject, detail }) => `${subject} may now return ${detail ?? 'new values'} (declared extensible).`,
})

/** The default a server applies when a client omits a value changed. */
export const requestDefaultChanged = defineRule({
  id: 'request-default-changed',
  severity: 'breaking',
  summary: 'The default of a request value changed or was removed, so requests that omit it behave differently.',
  example: 'query `sort` default `asc` -> `desc`',
  message: ({ subject, from, to }) =>
    `${subject} default changed from ${from ?? '(none)'} to ${to ?? '(none)'}; requests that omit it now behave differently.`,
})

/** A documented response default changed. */
export const responseDefaultChanged = defineRule({
  id: 'response-default-changed',
  severity: 'info',
  summary: 'The documented default of a response value changed.',
  example: 'response `sort` default `asc` -> `desc`',
  message: ({ subject, from, to }) => `${subject} default changed from ${from ?? '(none)'} to ${to ?? '(none)'}.`,
})
