import {
  type Api,
  defineApi,
  defineVersions,
  fromPath,
  generationScheme,
  type NoticeOptions,
  noticePolicies,
  type Principal,
  type VersionInput,
  type Withdrawal,
} from 'strata'
import {
  clusterApiVersionV2,
  createClusterAnswers202,
  moveClustersToV2,
  renameClusterNameToDisplayName,
} from './changes.ts'

const DOCS = 'https://docs.example.com/control-plane'

/** The API groups and their generations, oldest first; each group moves on its own. */
export const groups = {
  org: [{ id: 'v2', description: 'Organizations and environments.', docs: `${DOCS}/org/v2` }],
  iam: [{ id: 'v2', description: 'Service accounts and API keys.', docs: `${DOCS}/iam/v2` }],
  cmk: [
    {
      id: 'v1',
      deprecated: '2026-06-01',
      sunset: '2027-06-01',
      description: 'First generation of Kafka cluster management.',
      docs: `${DOCS}/cmk/v1`,
    },
    {
      id: 'v2',
      description: 'Clusters use `display_name`; creating one answers 202 while it provisions.',
      docs: `${DOCS}/cmk/v2`,
      changes: [moveClustersToV2, renameClusterNameToDisplayName, createClusterAnswers202, clusterApiVersionV2],
    },
  ],
  networking: [
    {
      id: 'v1',
      stage: 'early-access',
      description: 'Private networks; early access, granted per organization, principal or API key.',
      docs: `${DOCS}/networking/v1`,
    },
  ],
} as const satisfies Record<string, readonly VersionInput[]>

/** Who may call early-access group versions, and what everyone else sees. */
export interface EarlyAccessConfig {
  /** Organization ids, principal ids or API key ids granted early access. */
  readonly grants: ReadonlySet<string>
  readonly deny: 403 | 404
}

/**
 * Defines the control-plane API: one generational version list per API group, read from the path
 * (`/cmk/v2/...`), the 180-day notice policy, and the Confluent error envelope.
 *
 * @example
 * const api = defineControlPlaneApi({ grants: new Set(['org-1']), deny: 404 })
 */
export function defineControlPlaneApi(
  earlyAccess: EarlyAccessConfig,
  clock?: () => Date,
  withdrawn: readonly Withdrawal[] = [],
  notices?: NoticeOptions,
): Api {
  const scheme = generationScheme()
  const scope = (name: keyof typeof groups) => ({
    versions: defineVersions({
      scheme,
      scope: { kind: 'group', name },
      policy: noticePolicies.days180,
      versions: groups[name],
    }),
    negotiation: {
      sources: [fromPath(new RegExp(`^/${name}/([^/]+)/`), `the generation in the path, e.g. /${name}/v2/`)],
      default: 'reject' as const,
    },
  })
  const granted = (principal: unknown): boolean => {
    const p = principal as Principal | undefined
    if (p === undefined) return false
    return [p.id, p.organizationId, p.credentialId].some((id) => id !== undefined && earlyAccess.grants.has(id))
  }
  return defineApi({
    // Requests outside every group (unknown paths) only need a version to render their 404.
    versions: defineVersions({ scheme, versions: [{ id: 'v2' }] }),
    negotiation: { sources: [], default: 'latest' },
    scopes: { org: scope('org'), iam: scope('iam'), cmk: scope('cmk'), networking: scope('networking') },
    // The seed defines no version headers: the generation is in the path.
    headers: { used: false, supported: false },
    lifecycle: {
      earlyAccess: { allow: (principal) => granted(principal), deny: earlyAccess.deny },
      links: { sunset: () => `${DOCS}/deprecations` },
    },
    // The security exception: versions or endpoints named in STRATA_WITHDRAWN(_FILE) answer 410 at once.
    withdrawn,
    ...(clock !== undefined ? { clock } : {}),
    ...(notices !== undefined ? { notices } : {}),
  })
}
