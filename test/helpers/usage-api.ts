import { defineApi, defineRoute, defineVersions, fromHeader, integerScheme } from 'strata'

/** Pinned so version 2 is deprecated (sunset 2027-03-01) and version 1 is already sunset. */
export const USAGE_NOW = new Date('2026-12-01T12:00:00Z')

/**
 * A small API for usage tests: versions 1 (sunset), 2 (deprecated, sunset 2027-03-01) and 3 (head),
 * asked for with `X-Api-Version`, and two routes.
 */
export function usageTestApi(clock: () => Date = () => USAGE_NOW) {
  const versions = defineVersions({
    scheme: integerScheme(),
    versions: [
      { id: '1', released: '2024-01-01', deprecated: '2025-01-01', sunset: '2025-07-01' },
      { id: '2', released: '2025-01-01', deprecated: '2026-06-01', sunset: '2027-03-01' },
      { id: '3', released: '2026-01-01' },
    ],
  })
  const api = defineApi({
    versions,
    negotiation: { sources: [fromHeader('X-Api-Version')], default: 'latest' },
    clock,
  })
  const routes = [
    defineRoute({ method: 'GET', path: '/things/:id', handler: ({ params }) => ({ id: params }) }),
    defineRoute({ method: 'POST', path: '/things', handler: () => ({ status: 201, body: { ok: true } }) }),
  ]
  return { api, routes }
}
