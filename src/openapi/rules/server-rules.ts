import { defineRule } from './rule.ts'

/** No server keeps a base path any old server had: every operation's URL moved. */
export const serverBasePathChanged = defineRule({
  id: 'server-base-path-changed',
  severity: 'breaking',
  summary: "Every server's URL path changed, so every operation's URL moved.",
  example: 'servers `https://api.example.com/v1` -> `https://api.example.com/v2`',
  message: ({ subject, from, to }) =>
    `${subject} moved from ${from ?? 'its old path'} to ${to ?? 'a new path'}; requests to the old URLs no longer reach it.`,
})

/** A server URL is no longer listed, while its path is still served elsewhere. */
export const serverRemoved = defineRule({
  id: 'server-removed',
  severity: 'warning',
  summary: 'A server URL is no longer listed (another server still serves the same path).',
  example: 'servers [`https://eu.example.com/v1`, `https://us.example.com/v1`] -> [`https://us.example.com/v1`]',
  message: ({ subject, from }) =>
    `${subject} no longer lists the server ${from ?? ''}; clients that call it must move.`,
})

/** A new server URL. */
export const serverAdded = defineRule({
  id: 'server-added',
  severity: 'info',
  summary: 'A new server URL is listed.',
  example: 'servers [`https://api.example.com/v1`] -> [..., `https://eu.example.com/v1`]',
  message: ({ subject, to }) => `${subject} is also served at ${to ?? 'a new server'}.`,
})
