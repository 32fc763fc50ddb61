import { escapePointerToken, isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import * as rules from '../rules/operation-rules.ts'
import { diffOperation, type OperationPair, operationContext } from './diff-operation.ts'
import type { DiffRun } from './diff-run.ts'
import { isoDate, removalKind } from './lifecycle.ts'
import { reportAt } from './schema-context.ts'

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** `/assets/{id}` and `/assets/{assetId}` are the same path: parameter names do not reach the wire. */
export function normalizePathTemplate(template: string): string {
  return template.replace(/\{[^}]*\}/g, '{}').replace(/\/+$/, '') || '/'
}

interface PathEntry {
  readonly template: string
  readonly item: JsonObject
  readonly pointer: string
}

/** One operation (or webhook) and the path item it sits in. */
interface OperationEntry {
  readonly path: PathEntry
  readonly method: string
  readonly operation: JsonObject
}

/** Where a section lives: 3.0 documents (GitHub's among them) keep webhooks under `x-webhooks`. */
function sectionOf(root: JsonObject, section: 'paths' | 'webhooks'): string {
  return section === 'webhooks' && root.webhooks === undefined && isJsonObject(root['x-webhooks'])
    ? 'x-webhooks'
    : section
}

/**
 * Every operation of a side, keyed by method and normalised template (webhooks by name). Templates
 * that differ only in parameter names (`/things/{a}` for GET, `/things/{b}` for DELETE) share a key
 * prefix, but each operation keeps its own entry; a key held twice keeps both, in document order.
 */
function operationsOf(run: DiffRun, side: 'old' | 'new', section: 'paths' | 'webhooks'): Map<string, OperationEntry[]> {
  const out = new Map<string, OperationEntry[]>()
  const root = side === 'old' ? run.oldDoc.root : run.newDoc.root
  const name = sectionOf(root, section)
  const paths = root[name]
  if (!isJsonObject(paths)) return out
  for (const [template, raw] of Object.entries(paths)) {
    const resolved = run.resolve(side, raw)
    if (!isJsonObject(resolved.node)) continue
    const path = { template, item: resolved.node, pointer: resolved.ref ?? `#/${name}/${escapePointerToken(template)}` }
    const normalized = section === 'paths' ? normalizePathTemplate(template) : template
    for (const method of methods) {
      const operation = path.item[method]
      if (!isJsonObject(operation)) continue
      const key = `${method} ${normalized}`
      const list = out.get(key)
      if (list === undefined) out.set(key, [{ path, method, operation }])
      else list.push({ path, method, operation })
    }
  }
  return out
}

/** Pairs the operations held under one key: same template first, then in document order. */
function pairOperations(olds: OperationEntry[], news: OperationEntry[]) {
  const pairs: Array<[OperationEntry, OperationEntry]> = []
  const oldLeft = [...olds]
  const newLeft = [...news]
  for (const oldEntry of olds) {
    const index = newLeft.findIndex((n) => n.path.template === oldEntry.path.template)
    if (index === -1) continue
    pairs.push([oldEntry, newLeft.splice(index, 1)[0] as OperationEntry])
    oldLeft.splice(oldLeft.indexOf(oldEntry), 1)
  }
  while (oldLeft.length > 0 && newLeft.length > 0) {
    pairs.push([oldLeft.shift() as OperationEntry, newLeft.shift() as OperationEntry])
  }
  return { pairs, removed: oldLeft, added: newLeft }
}

/** Compares every operation under `paths` (or every webhook), matching by method and normalised template. */
export function diffPaths(run: DiffRun, section: 'paths' | 'webhooks'): void {
  const oldOperations = operationsOf(run, 'old', section)
  const newOperations = operationsOf(run, 'new', section)
  const webhook = section === 'webhooks'
  for (const [key, olds] of oldOperations) {
    const { pairs, removed } = pairOperations(olds, newOperations.get(key) ?? [])
    for (const [oldEntry, newEntry] of pairs) {
      run.onOperation?.({ webhook, old: label(oldEntry), new: label(newEntry) })
      diffOperation(run, {
        path: newEntry.path.template,
        method: oldEntry.method.toUpperCase(),
        webhook,
        old: source(oldEntry),
        new: source(newEntry),
      })
    }
    for (const oldEntry of removed) {
      run.onOperation?.({ webhook, old: label(oldEntry), new: undefined })
      const at = source(oldEntry)
      const pair = { path: oldEntry.path.template, method: oldEntry.method.toUpperCase(), webhook, old: at, new: at }
      reportRemoval(run, pair, oldEntry.operation)
    }
  }
  for (const [key, news] of newOperations) {
    const { added } = pairOperations(oldOperations.get(key) ?? [], news)
    for (const newEntry of added) {
      run.onOperation?.({ webhook, old: undefined, new: label(newEntry) })
      const at = source(newEntry)
      const ctx = operationContext(run, {
        path: newEntry.path.template,
        method: newEntry.method.toUpperCase(),
        webhook,
        old: at,
        new: at,
      })
      reportAt(ctx, webhook ? rules.webhookAdded : rules.operationAdded, {
        subject: subjectOf(ctx.label, webhook, newEntry.path.template),
      })
    }
  }
}

function label(entry: OperationEntry): string {
  return `${entry.method.toUpperCase()} ${entry.path.template}`
}

function source({ path, method, operation }: OperationEntry) {
  return {
    pathItem: path.item,
    operation,
    pathPointer: path.pointer,
    operationPointer: `${path.pointer}/${method}`,
    template: path.template,
  }
}

function subjectOf(label: string, webhook: boolean, name: string): string {
  return webhook ? `webhook \`${name}\`` : label
}

function reportRemoval(run: DiffRun, pair: OperationPair, oldOperation: JsonObject) {
  const ctx = operationContext(run, pair)
  const subject = subjectOf(ctx.label, pair.webhook, pair.path)
  if (pair.webhook) {
    reportAt(ctx, rules.webhookRemoved, { subject }, 'old')
    return
  }
  const removal = removalKind(oldOperation, run.now)
  if (removal.kind === 'not-deprecated') reportAt(ctx, rules.operationRemoved, { subject }, 'old')
  else if (removal.kind === 'before-sunset') {
    reportAt(
      ctx,
      rules.operationRemovedBeforeSunset,
      { subject, detail: ` (${isoDate(removal.sunset ?? run.now)})` },
      'old',
    )
  } else reportAt(ctx, rules.operationRemovedAfterDeprecation, { subject }, 'old')
}
