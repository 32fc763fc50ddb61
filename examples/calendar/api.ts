import {
  calendarScheme,
  defineApi,
  defineVersions,
  type ErrorFormat,
  fromHeader,
  noticePolicies,
  staticContacts,
  type VersionInput,
} from 'strata'

import {
  addCriticalCriticality,
  addErrorSuggestions,
  createAssetAnswers201,
  removeAssetSource,
  renameAssetNameToTitle,
  renameListSizeToLimit,
  timesAsRfc3339,
} from './changes.ts'

const docs = (id: string): string => `https://docs.example.com/api/versions/${id}`

/** The calendar versions of the assets API, oldest first (the Cognite program). */
export const assetVersions: readonly VersionInput[] = [
  {
    id: '2022-01-01',
    deprecated: '2023-01-01',
    sunset: '2024-01-01',
    description: 'First calendar version of the assets API.',
    docs: docs('20220101'),
  },
  {
    id: '2023-01-01',
    deprecated: '2026-11-01',
    sunset: '2027-11-01',
    description: 'The default version of clients that send no Cdf-Version header.',
    docs: docs('20230101'),
  },
  {
    id: '2023-02-01',
    description: 'Create answers 201, the list takes `limit`, assets lose `source`, errors carry suggestions.',
    docs: docs('20230201'),
    changes: [createAssetAnswers201, renameListSizeToLimit, removeAssetSource, addErrorSuggestions],
  },
  {
    id: '2023-02-03',
    channel: 'beta',
    description: 'Beta: asset criticality can be `critical`.',
    docs: docs('20230203-beta'),
    changes: [addCriticalCriticality],
  },
  {
    id: '2024-06-01',
    description: 'Asset `name` is renamed to `title`; times are RFC 3339 strings.',
    docs: docs('20240601'),
    changes: [renameAssetNameToTitle, timesAsRfc3339],
  },
]

/**
 * Cognite's error body, `{"error": {"code": <status>, "message": ...}}`, carrying Strata's
 * suggestion and facts (such as the latest version) beside the message.
 */
export const cogniteErrorFormat: ErrorFormat = {
  name: 'cognite',
  contentType: 'application/json; charset=utf-8',
  render(problem) {
    const camel = Object.fromEntries(
      Object.entries(problem.data ?? {}).map(([k, v]) => [
        k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
        v,
      ]),
    )
    return {
      error: {
        code: problem.status,
        message: problem.message,
        type: problem.code,
        ...(problem.suggestion !== undefined ? { suggestion: problem.suggestion } : {}),
        ...(problem.fields !== undefined ? { fields: problem.fields } : {}),
        ...camel,
      },
    }
  },
}

/**
 * The assets API definition: `Cdf-Version: YYYYMMDD` resolves to the newest version released
 * on or before that date, `-beta` (or the header `version: beta`) selects the beta channel, no header means `20230101`, and
 * `/api/playground` serves head unversioned.
 */
export function defineAssetsApi(clock?: () => Date) {
  return defineApi({
    versions: defineVersions({
      scheme: calendarScheme({ form: 'compact' }),
      policy: noticePolicies.twelveMonths,
      versions: assetVersions,
    }),
    negotiation: {
      sources: [fromHeader('Cdf-Version')],
      default: { version: '20230101' },
      // Seed 002: "To use the API directly, use the header {"version": "beta"}".
      beta: { suffix: '-beta', header: 'version' },
      playground: ['/api/playground'],
    },
    headers: { used: 'Cdf-Version', supported: 'Cdf-Versions-Supported', explain: 'Cdf-Version-Reason' },
    lifecycle: { links: { sunset: () => 'https://docs.example.com/api/versions#deprecated-api-versions' } },
    errors: cogniteErrorFormat,
    // `strata notices`: clients (X-Client-Id, else the User-Agent's product) listed in NOTICE_CONTACTS
    // as `client=email,...` are emailed; the others are reported as "no contact".
    notices: { contact: staticContacts(process.env.NOTICE_CONTACTS) },
    ...(clock ? { clock } : {}),
  })
}
