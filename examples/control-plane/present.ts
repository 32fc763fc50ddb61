import { randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { buildCrn, HttpProblem, shapeResource } from 'strata'
import type { Tables } from './db.ts'

// Rows -> the Confluent object model: api_version, kind, id, metadata{self, resource_name,
// created_at, updated_at}, then the kind's own fields or spec/status.

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A new opaque id with a kind prefix, e.g. `env-1a2b3c`. */
export function newId(prefix: string, length = 6): string {
  let id = ''
  for (const byte of randomBytes(length * 2)) if (byte < 252 && id.length < length) id += ALPHABET[byte % 36]
  return `${prefix}-${id}`
}

/** The 404 of a resource that does not exist, or that belongs to another organization. */
export function notFound(kind: string, id: string): HttpProblem {
  return new HttpProblem({
    status: 404,
    code: 'NOT_FOUND',
    message: `The ${kind} ${id} does not exist`,
    suggestion: `List ${kind}s to find an existing id`,
  })
}

/** The organization of the caller; every route runs after authentication. */
export function orgOf(request: FastifyRequest): string {
  const org = request.principal?.organizationId
  if (org === undefined)
    throw new HttpProblem({ status: 403, code: 'FORBIDDEN', message: 'The caller has no organization' })
  return org
}

type Row<T extends keyof Tables> = Tables[T]
const crn = (...pairs: [string, string][]) => buildCrn(pairs)

export function presentEnvironment(base: string, row: Row<'environments'>) {
  return {
    ...shapeResource({
      apiVersion: 'org/v2',
      kind: 'Environment',
      id: row.id,
      self: `${base}/org/v2/environments/${row.id}`,
      resourceName: crn(['organization', row.org_id], ['environment', row.id]),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
    display_name: row.display_name,
  }
}

export function presentServiceAccount(base: string, row: Row<'service_accounts'>) {
  return {
    ...shapeResource({
      apiVersion: 'iam/v2',
      kind: 'ServiceAccount',
      id: row.id,
      self: `${base}/iam/v2/service-accounts/${row.id}`,
      resourceName: crn(['organization', row.org_id], ['service-account', row.id]),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
    display_name: row.display_name,
    description: row.description,
  }
}

/** An API key; `secret` is shown once, in the answer to its creation. */
export function presentApiKey(base: string, row: Row<'api_keys'>, secret?: string) {
  return shapeResource({
    apiVersion: 'iam/v2',
    kind: 'ApiKey',
    id: row.id,
    self: `${base}/iam/v2/api-keys/${row.id}`,
    resourceName: crn(['organization', row.org_id], ['service-account', row.owner_id], ['api-key', row.id]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    spec: {
      ...(secret !== undefined ? { secret } : {}),
      display_name: row.display_name,
      description: row.description,
      owner: {
        id: row.owner_id,
        api_version: 'iam/v2',
        kind: 'ServiceAccount',
        related: `${base}/iam/v2/service-accounts/${row.owner_id}`,
        resource_name: crn(['organization', row.org_id], ['service-account', row.owner_id]),
      },
    },
  })
}

const envRef = (base: string, org: string, env: string) => ({
  id: env,
  related: `${base}/org/v2/environments/${env}`,
  resource_name: crn(['organization', org], ['environment', env]),
})

/** A cluster as head (cmk/v2) serves it; the phase follows from the time provisioning ends. */
export function presentCluster(base: string, row: Row<'clusters'>, now: Date) {
  return shapeResource({
    apiVersion: 'cmk/v2',
    kind: 'Cluster',
    id: row.id,
    self: `${base}/cmk/v2/clusters/${row.id}`,
    resourceName: crn(
      ['organization', row.org_id],
      ['environment', row.environment_id],
      ['cloud-cluster', row.id],
      ['kafka', row.id],
    ),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    spec: {
      display_name: row.display_name,
      availability: row.availability,
      cloud: row.cloud,
      region: row.region,
      config: { kind: row.config_kind },
      environment: envRef(base, row.org_id, row.environment_id),
    },
    status: { phase: now.toISOString() >= row.ready_at ? 'RUNNING' : 'PROVISIONING' },
  })
}

export function presentNetwork(base: string, row: Row<'networks'>) {
  return shapeResource({
    apiVersion: 'networking/v1',
    kind: 'Network',
    id: row.id,
    self: `${base}/networking/v1/networks/${row.id}`,
    resourceName: crn(['organization', row.org_id], ['environment', row.environment_id], ['network', row.id]),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    spec: {
      display_name: row.display_name,
      cloud: row.cloud,
      region: row.region,
      environment: envRef(base, row.org_id, row.environment_id),
    },
    status: { phase: 'READY' },
  })
}
