import { describe, expect, test } from 'vitest'
import { buildCrn } from '../crn/index.ts'
import { defineResourceKind, formatTimestamp, shapeList, shapeResource } from './index.ts'

interface ClusterSpec {
  display_name: string
}
interface ClusterStatus {
  phase: 'PROVISIONING' | 'RUNNING'
}

const clusters = defineResourceKind<ClusterSpec, ClusterStatus>({
  apiVersion: 'cmk/v2',
  kind: 'Cluster',
  self: (id) => `https://api.example.com/cmk/v2/clusters/${id}`,
})

describe('shapeResource', () => {
  test('shapeResource: all fields -> seed field names in object-model order, RFC 3339 UTC times', () => {
    const resource = shapeResource({
      apiVersion: 'cmk/v2',
      kind: 'Cluster',
      id: 'lkc-1',
      self: 'https://api.example.com/cmk/v2/clusters/lkc-1',
      resourceName: buildCrn([
        ['organization', 'o-1'],
        ['environment', 'env-1'],
        ['cloud-cluster', 'lkc-1'],
      ]),
      createdAt: new Date('2025-08-01T20:36:45Z'),
      updatedAt: '2025-08-02 10:00:00',
      deletedAt: Date.UTC(2026, 0, 1, 0, 0, 0, 250),
      spec: { display_name: 'orders' },
      status: { phase: 'RUNNING' },
    })
    expect(JSON.stringify(resource, null, 1)).toMatchInlineSnapshot(`
      "{
       "api_version": "cmk/v2",
       "kind": "Cluster",
       "id": "lkc-1",
       "metadata": {
        "self": "https://api.example.com/cmk/v2/clusters/lkc-1",
        "resource_name": "crn://confluent.cloud/organization=o-1/environment=env-1/cloud-cluster=lkc-1",
        "created_at": "2025-08-01T20:36:45Z",
        "updated_at": "2025-08-02T10:00:00Z",
        "deleted_at": "2026-01-01T00:00:00.250Z"
       },
       "spec": {
        "display_name": "orders"
       },
       "status": {
        "phase": "RUNNING"
       }
      }"
    `)
  })

  test('shapeResource: optional fields null or absent -> omitted, never null', () => {
    const resource = shapeResource({
      apiVersion: 'iam/v2',
      kind: 'ServiceAccount',
      id: 'sa-1',
      self: 'https://api.example.com/iam/v2/service-accounts/sa-1',
      deletedAt: null,
      spec: undefined,
    })
    expect(resource).toStrictEqual({
      api_version: 'iam/v2',
      kind: 'ServiceAccount',
      id: 'sa-1',
      metadata: { self: 'https://api.example.com/iam/v2/service-accounts/sa-1' },
    })
  })

  test('formatTimestamp: invalid text -> STRATA_ERR_OBJECT_INVALID_TIMESTAMP naming the value', () => {
    expect(() => formatTimestamp('yesterday')).toThrow(/"yesterday" is not a valid date/)
    expect(() => formatTimestamp(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_OBJECT_INVALID_TIMESTAMP' }),
    )
  })

  test('formatTimestamp: offset given -> converted to UTC', () => {
    expect(formatTimestamp('2025-08-01T22:36:45+02:00')).toBe('2025-08-01T20:36:45Z')
  })
})

describe('shapeList', () => {
  test('shapeList: page with next and total_size -> <Kind>List envelope, only present links', () => {
    const list = shapeList({
      apiVersion: 'v2',
      kind: 'KafkaCluster',
      data: [{ id: 'lkc-abc123' }],
      links: { next: 'https://api.example.com/kafka-clusters?page_token=T', prev: undefined },
      totalSize: 3,
    })
    expect(list).toStrictEqual({
      api_version: 'v2',
      kind: 'KafkaClusterList',
      metadata: { next: 'https://api.example.com/kafka-clusters?page_token=T', total_size: 3 },
      data: [{ id: 'lkc-abc123' }],
    })
  })

  test('shapeList: all four links -> metadata ordered first, last, prev, next', () => {
    const list = shapeList({
      apiVersion: 'v2',
      kind: 'X',
      data: [],
      links: { next: 'n', prev: 'p', last: 'l', first: 'f' },
    })
    expect(Object.keys(list.metadata)).toEqual(['first', 'last', 'prev', 'next'])
  })

  test('shapeList: negative or fractional total_size -> STRATA_ERR_OBJECT_INVALID_TOTAL_SIZE', () => {
    expect(() => shapeList({ apiVersion: 'v2', kind: 'X', data: [], totalSize: -1 })).toThrow(/non-negative integer/)
    expect(() => shapeList({ apiVersion: 'v2', kind: 'X', data: [], totalSize: 1.5 })).toThrow(
      expect.objectContaining({ code: 'STRATA_ERR_OBJECT_INVALID_TOTAL_SIZE' }),
    )
  })
})

describe('defineResourceKind', () => {
  test('resource kind: object and list -> self derived from id, kind ClusterList', () => {
    const one = clusters.resource({ id: 'lkc-9', spec: { display_name: 'a' }, status: { phase: 'PROVISIONING' } })
    expect(one.metadata.self).toBe('https://api.example.com/cmk/v2/clusters/lkc-9')
    const page = clusters.list([one], { totalSize: 1 })
    expect(page).toMatchObject({ api_version: 'cmk/v2', kind: 'ClusterList', metadata: { total_size: 1 } })
    expect(page.data).toEqual([one])
  })

  test('defineResourceKind: kind not UpperCamelCase -> STRATA_ERR_OBJECT_INVALID_KIND naming an example', () => {
    expect(() => defineResourceKind({ apiVersion: 'v2', kind: 'kafka-cluster', self: (id) => id })).toThrow(
      /UpperCamelCase; use a name such as "Cluster". \[STRATA_ERR_OBJECT_INVALID_KIND\]/,
    )
  })
})
