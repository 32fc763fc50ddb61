// The synthetic app every framework serves: in-memory items whose oldest version is 10 renames back
// (bench/migrate/fixtures.ts), declared once with `defineRoute` for Strata, plus what the bare
// baselines share (the answers and the head body validator).
import { Ajv } from 'ajv'
import {
  calendarScheme,
  defineApi,
  defineRoute,
  defineVersions,
  fromHeader,
  type RouteDefinition,
  respond,
} from 'strata'
import { Item, ItemList, item, versionsWith } from '../migrate/fixtures.ts'

export { Item, ItemList }

/** The head object GET /items/:id answers. */
export const one = item(1)

/** The 1,000-item list envelope GET /items answers. */
export const list = { items: Array.from({ length: 1000 }, (_, i) => item(i)) }

/** The API: 10 changes that rename Item's `f0` back to `f10`, negotiated from `Api-Version` (head by default). */
export const syntheticApi = () =>
  defineApi({
    versions: defineVersions({ scheme: calendarScheme(), versions: versionsWith(10) }),
    negotiation: { sources: [fromHeader('Api-Version')] },
  })

/** The three routes, declared once so every adapter serves the same table. */
export const syntheticRoutes = (): RouteDefinition[] => [
  defineRoute({ method: 'GET', path: '/items/:id', responses: { 200: Item }, handler: () => one }),
  defineRoute({ method: 'GET', path: '/items', responses: { 200: ItemList }, handler: () => list }),
  defineRoute({
    method: 'POST',
    path: '/items',
    body: Item,
    responses: { 201: Item },
    handler: ({ body }) => respond(201, body),
  }),
]

/**
 * The bare baselines' validation of POST /items for frameworks without a validator: the head body
 * schema compiled once with the options Strata's body validator uses (src/runtime/validate.ts),
 * closed as Strata closes it, so unknown fields are stripped on both sides.
 */
export const validateHeadBody = new Ajv({
  allErrors: true,
  strict: false,
  useDefaults: true,
  removeAdditional: true,
  coerceTypes: false,
}).compile({ ...Item.schema, additionalProperties: false })

/** The bare baselines' answer to an invalid body (never sent by the benchmark). */
export const invalidBody = () => JSON.stringify({ message: 'invalid body', errors: validateHeadBody.errors })
