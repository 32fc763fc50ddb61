import { STATUS_CODES } from 'node:http'
import type { JsonSchema } from '../../change/index.ts'
import type { Mount, RoutePlan } from '../../migrate/index.ts'
import type { ApiVersion } from '../../version/index.ts'
import type { ComponentSchemas } from './component-schemas.ts'
import type { ContractRoute } from './contract-source.ts'
import type { ConventionsDoc } from './conventions-doc.ts'
import type { ErrorEnvelope } from './error-envelope.ts'
import type { NegotiationDoc } from './negotiation-doc.ts'
import { describePagination, paginationSentence } from './pagination.ts'

/** What one operation of one version's contract is built from. */
export interface OperationInput {
  readonly route: ContractRoute
  readonly plan: RoutePlan
  readonly versions: readonly ApiVersion[]
  readonly index: number
  readonly components: ComponentSchemas
  readonly negotiation: NegotiationDoc
  readonly errors: ErrorEnvelope
  /** The version is deprecated (its phase at the generation instant); `sunset` as YYYY-MM-DD. */
  readonly lifecycle: { readonly deprecated: boolean; readonly sunset?: string }
  /** Authentication and rate limits, when the app configures them. */
  readonly conventions?: ConventionsDoc
}

/** The operation's security: any accepted scheme, or none as well when the route's auth is optional. */
function _security(input: OperationInput): JsonSchema[] | undefined {
  const names = Object.keys(input.conventions?.securitySchemes ?? {})
  if (names.length === 0) return undefined
  const required = (input.route.auth ?? (input.conventions!.authRequired ? 'required' : 'optional')) === 'required'
  return [...names.map((name) => ({ [name]: [] })), ...(required ? [] : [{}])]
}

/**
 * A Fastify (find-my-way) path as an OpenAPI path template.
 *
 * @example
 * openApiPath('/assets/:id') // '/assets/{id}'
 */
export const openApiPath = (path: string): string =>
  path.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, '{$1}').replace(/\*$/, '{wildcard}')

const mountAt = (plan: RoutePlan, index: number): Mount | undefined =>
  plan.mounts.find((m) => m.from <= index && index < m.to)

/** The status a head status had at a version index, following `statusChanged` instructions down. */
function statusAt(input: OperationInput, head: string): string {
  let status = head
  for (let i = input.versions.length - 1; i > input.index; i--) {
    const at = mountAt(input.plan, i)
    for (const change of input.versions[i]!.changes ?? []) {
      for (const ins of change.instructions) {
        if (ins.kind !== 'status-changed' || String(ins.status) !== status) continue
        if (at !== undefined && ins.method === at.method.toUpperCase() && ins.path === at.path)
          status = String(ins.from)
      }
    }
  }
  return status
}

function _parameters(input: OperationInput, path: string): { list: JsonSchema[]; queryNames: string[] } {
  const { route, components, plan, index } = input
  const list: JsonSchema[] = []
  const fromObject = (schema: JsonSchema | undefined, where: 'path' | 'query' | 'header'): string[] => {
    const object = components.resolve(schema)
    const props = (object?.properties ?? {}) as Record<string, JsonSchema>
    const required = new Set((object?.required as string[] | undefined) ?? [])
    for (const [name, prop] of Object.entries(props)) {
      const { description, deprecated, ...rest } = prop as Record<string, unknown>
      list.push({
        name,
        in: where,
        // Fastify fills a default in, so clients need not send such a parameter.
        required: where === 'path' || (required.has(name) && !('default' in prop)),
        ...(typeof description === 'string' ? { description } : {}),
        ...(deprecated === true ? { deprecated: true } : {}),
        schema: rest,
      })
    }
    return Object.keys(props)
  }
  const declared =
    route.params === undefined
      ? []
      : fromObject(
          components.add(route.params, () => undefined),
          'path',
        )
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (!declared.includes(name!)) list.push({ name, in: 'path', required: true, schema: { type: 'string' } })
  }
  const query = plan.requestSchema('query', index)
  const queryNames = query === undefined ? [] : fromObject(components.add(query.root, query.shapeOf), 'query')
  if (route.headers !== undefined)
    fromObject(
      components.add(route.headers, () => undefined),
      'header',
    )
  list.push(...input.negotiation.operationParameters)
  return { list, queryNames }
}

function _responses(input: OperationInput): { responses: Record<string, JsonSchema>; success?: JsonSchema } {
  const { route, plan, index, components, negotiation } = input
  const headers = negotiation.responseHeaders
  const responses: Record<string, JsonSchema> = {}
  let success: JsonSchema | undefined
  for (const head of Object.keys(route.spec.responses ?? {})) {
    const status = statusAt(input, head)
    const shape = plan.responseSchema(head, index)
    const schema = shape === undefined ? undefined : components.add(shape.root, shape.shapeOf)
    if (success === undefined && status.startsWith('2')) success = schema
    const empty = status === '204' || status === '304' || schema === undefined
    responses[status.toUpperCase()] = {
      description: STATUS_CODES[Number(status)] ?? `Status ${status}`,
      headers,
      ...(empty ? {} : { content: { 'application/json': { schema } } }),
    }
  }
  if (Object.keys(responses).length === 0) responses['2XX'] = { description: 'Success', headers }
  responses['4XX'] = { $ref: '#/components/responses/ClientError' }
  responses['5XX'] = { $ref: '#/components/responses/ServerError' }
  return { responses, ...(success !== undefined ? { success } : {}) }
}

/**
 * Builds one route's operation at one version index, or `undefined` when the route does not exist
 * in that version (added later, removed, or answered at another path).
 *
 * @example
 * const op = buildOperation({ route, plan, versions, index: 0, components, negotiation, errors, lifecycle })
 */
export function buildOperation(
  input: OperationInput,
): { readonly method: string; readonly path: string; readonly operation: JsonSchema } | undefined {
  const mount = mountAt(input.plan, input.index)
  if (mount === undefined) return undefined
  const path = openApiPath(mount.path)
  const { route, plan, index, components } = input
  const meta = route.meta ?? {}
  const { list, queryNames } = _parameters(input, path)
  const body = route.spec.body === undefined ? undefined : plan.requestSchema('body', index)
  const { responses, success } = _responses(input)
  const pagination = describePagination(queryNames, success, (s) => components.resolve(s))
  const description = [meta.description, pagination && paginationSentence(pagination)].filter(Boolean).join('\n\n')
  const deprecated = input.lifecycle.deprecated || meta.deprecated === true
  const security = _security(input)
  const operation: Record<string, unknown> = {
    ...(meta.tags !== undefined ? { tags: [...meta.tags] } : {}),
    ...(meta.summary !== undefined ? { summary: meta.summary } : {}),
    ...(description !== '' ? { description } : {}),
    ...(meta.operationId !== undefined ? { operationId: meta.operationId } : {}),
    ...(security !== undefined ? { security } : {}),
    parameters: list,
    ...(body !== undefined
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: components.add(body.root, body.shapeOf) } },
          },
        }
      : {}),
    responses,
    ...(deprecated ? { deprecated: true } : {}),
    ...(deprecated && input.lifecycle.sunset !== undefined ? { 'x-sunset': input.lifecycle.sunset } : {}),
    ...(pagination !== undefined ? { 'x-pagination': pagination } : {}),
  }
  return { method: mount.method.toLowerCase(), path, operation }
}
