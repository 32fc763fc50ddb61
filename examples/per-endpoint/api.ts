import {
  type Api,
  defineApi,
  defineVersions,
  type ErrorFormat,
  fromHeader,
  integerScheme,
  staticContacts,
  type VersionInput,
  withVersionRefusalBody,
} from 'strata'
import {
  interfaceSpeedInBits,
  removeSnapshotFromArchive,
  renameDeviceSiteFilter,
  renameDeviceSnToSerialNumber,
} from './changes.ts'

/** The product release that serves this API, named by every refusal body. */
export const RELEASE_VERSION = '7.5.0+1'
/** The product version sent on every response as `X-Product-Version`. */
export const PRODUCT_VERSION = 'v7.5'

/**
 * Each endpoint's own integer versions, oldest first. Endpoints that never had a breaking change
 * stay at version 1; the others name the change each version introduced.
 */
export const endpointVersions: Readonly<Record<string, readonly VersionInput[]>> = {
  'snapshots.list': [{ id: '1' }],
  'snapshots.create': [{ id: '1' }],
  'snapshots.delete': [{ id: '1' }],
  'snapshots.get': [
    { id: '1', deprecated: '2026-10-01', sunset: '2027-06-01' },
    { id: '2', description: 'Snapshots lose `fromArchive`.', changes: [removeSnapshotFromArchive] },
  ],
  'devices.list': [
    { id: '1', deprecated: '2025-07-01', sunset: '2026-02-01' },
    {
      id: '2',
      deprecated: '2026-09-01',
      sunset: '2027-09-01',
      description: 'The site filter is `siteName`.',
      changes: [renameDeviceSiteFilter],
    },
    { id: '3', description: 'Devices carry `serialNumber` instead of `sn`.', changes: [renameDeviceSnToSerialNumber] },
  ],
  'inventory.interfaces': [
    { id: '1' },
    { id: '2', description: 'Interface `speed` is in bits per second.', changes: [interfaceSpeedInBits] },
  ],
}

/** Every error that is not a version refusal: `{code, message, errors?}`. */
const plainErrors: ErrorFormat = {
  name: 'ip-fabric',
  contentType: 'application/json; charset=utf-8',
  render: (problem) => ({
    code: problem.code,
    message: problem.message,
    ...(problem.fields !== undefined ? { errors: problem.fields } : {}),
  }),
}

/** The seed's refusal body, exactly: every unsupported, malformed or sunset version gets it. */
export const ipFabricErrors = withVersionRefusalBody(plainErrors, (refusal) => ({
  message: 'Unsupported API version requested.',
  release_version: RELEASE_VERSION,
  api_version: refusal.latest,
}))

/**
 * The network-inventory API (the IP Fabric program): `X-API-Version: <int>` picks a version of
 * the endpoint a route belongs to, absent means that endpoint's oldest supported version, every
 * version problem answers 410, and the `/api/v7.x/...` path form keeps working until its sunset.
 */
export function defineInventoryApi(clock?: () => Date): Api {
  const scheme = integerScheme()
  const scopes = Object.fromEntries(
    Object.entries(endpointVersions).map(([name, versions]) => [
      name,
      { versions: defineVersions({ scheme, scope: { kind: 'endpoint', name }, versions }) },
    ]),
  )
  return defineApi({
    // Paths outside every endpoint (404s) are answered at the one version every endpoint has.
    versions: defineVersions({ scheme, versions: [{ id: '1' }] }),
    scopes,
    negotiation: {
      sources: [fromHeader('X-API-Version')],
      default: 'oldest',
      statuses: { VERSION_MALFORMED: 410, VERSION_AMBIGUOUS: 410, VERSION_REQUIRED: 410 },
    },
    headers: {
      used: 'X-API-Version-Used',
      supported: 'X-API-Versions-Supported',
      separator: ',',
      usedOnRefusal: 'latest',
      fixed: { 'X-Product-Version': PRODUCT_VERSION },
    },
    lifecycle: { deprecationFormat: 'boolean', sunsetFormat: 'rfc3339' },
    legacyPaths: [
      // The seed's sunset (2026-02-01) has passed; this example keeps the path form a year longer.
      { pattern: /^\/api\/v7\.\d+(?=\/)/, replacement: '/api', deprecated: '2025-07-01', sunset: '2027-02-01' },
    ],
    errors: ipFabricErrors,
    // `strata notices`: contacts from NOTICE_CONTACTS (`client=email,...`); devices.list v2 reminds
    // 60 and 14 days before its sunset instead of the default 90, 30 and 7.
    notices: {
      contact: staticContacts(process.env.NOTICE_CONTACTS),
      scopes: { 'devices.list': { reminders: [60, 14] } },
    },
    ...(clock !== undefined ? { clock } : {}),
  })
}
