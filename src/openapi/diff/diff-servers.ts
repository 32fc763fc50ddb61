import { isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { Rule } from '../rules/rule.ts'
import * as rules from '../rules/server-rules.ts'
import type { OperationPair } from './diff-operation.ts'
import type { DiffRun } from './diff-run.ts'
import type { SchemaContext } from './schema-context.ts'
import { reportAt } from './schema-context.ts'

/** A server URL with its variables at their defaults: where it points and under which path. */
interface _Server {
  readonly url: string
  readonly origin: string
  readonly path: string
}

/**
 * Compares the document's `servers`. Every operation's URL is a server URL plus its path, so when
 * no new server keeps a base path an old one had, every URL moved: breaking. A server gone while
 * its path is still served is a warning, a new one is news. When either side lists no servers
 * (relative to wherever the document is served) the base path is unknown and not compared.
 */
export function diffServers(run: DiffRun): void {
  const location = { pointer: '#/servers' }
  compareServers(run, run.oldDoc.root.servers, run.newDoc.root.servers, (rule, input) =>
    run.report(rule, { subject: 'The API', ...input }, location, undefined),
  )
}

/** Compares the servers an operation is served from, when its path item or itself overrides them. */
export function diffOperationServers(ctx: SchemaContext, pair: OperationPair): void {
  const overrides = (side: OperationPair['old']) => side.operation.servers ?? side.pathItem.servers
  const oldOwn = overrides(pair.old)
  const newOwn = overrides(pair.new)
  if (oldOwn === undefined && newOwn === undefined) return
  compareServers(ctx.run, oldOwn ?? ctx.run.oldDoc.root.servers, newOwn ?? ctx.run.newDoc.root.servers, (rule, input) =>
    reportAt(ctx, rule, input),
  )
}

function compareServers(
  run: DiffRun,
  oldList: unknown,
  newList: unknown,
  report: (rule: Rule, input: { from?: string; to?: string }) => void,
): void {
  const before = serversOf(run, 'old', oldList)
  const after = serversOf(run, 'new', newList)
  const oldUrls = new Set(before.map((s) => s.url))
  const newUrls = new Set(after.map((s) => s.url))
  for (const server of after) if (!oldUrls.has(server.url)) report(rules.serverAdded, { to: `\`${server.url}\`` })
  if (before.length === 0 || after.length === 0) return
  const newPaths = new Set(after.map((s) => s.path))
  if (!before.some((s) => newPaths.has(s.path))) {
    report(rules.serverBasePathChanged, {
      from: list(new Set(before.map((s) => s.path))),
      to: list(newPaths),
    })
    return
  }
  for (const server of before) if (!newUrls.has(server.url)) report(rules.serverRemoved, { from: `\`${server.url}\`` })
}

const list = (paths: Set<string>) => [...paths].map((p) => `\`${p}\``).join(', ')

function serversOf(run: DiffRun, side: 'old' | 'new', value: unknown): _Server[] {
  if (!Array.isArray(value)) return []
  const out: _Server[] = []
  for (const entry of value) {
    const server = run.object(side, entry)
    if (server === undefined || typeof server.url !== 'string') continue
    const url = withDefaults(server.url, isJsonObject(server.variables) ? server.variables : {})
    let parsed: URL
    try {
      parsed = new URL(url, 'relative://server')
    } catch {
      continue
    }
    const path = decodeURI(parsed.pathname).replace(/\/+$/, '') || '/'
    const origin = parsed.protocol === 'relative:' ? '' : `${parsed.protocol}//${parsed.host}`.toLowerCase()
    out.push({ url: `${origin}${path === '/' ? '' : path}` || '/', origin, path })
  }
  return out
}

function withDefaults(url: string, variables: JsonObject): string {
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name]
    return isJsonObject(variable) && typeof variable.default === 'string' ? variable.default : whole
  })
}
