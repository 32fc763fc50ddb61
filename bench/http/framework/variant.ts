/** What a benchmark server serves: the calendar example (Fastify only) or the synthetic app. */
export type App = 'calendar' | 'synthetic'

/**
 * `bare`: the framework alone at head (plus Ajv where it has no validator); `bare-headers`: bare
 * Fastify sending Strata's informational headers; `strata`: the adapter serving the declared routes.
 */
export type Variant = 'bare' | 'bare-headers' | 'strata'

export type Framework = 'fastify' | 'node' | 'hono' | 'express'

export const frameworks: readonly Framework[] = ['fastify', 'node', 'hono', 'express']
