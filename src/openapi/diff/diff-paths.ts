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

function pathsOf(run: DiffRun, side: 'old' | 'new', section: 'paths' | 'webhooks'): Map<string, PathEntry> {
  const out = new Map<string, PathEntry>()
  const root = side === 'old' ? run.oldDoc.root : run.newDoc.root
  const paths = root[section]
  if (!isJsonObject(paths)) return out
  for (const [template, raw] of Object.entries(paths)) {
    const resolved = run.resolve(side, raw)
    if (!isJsonObject(resolved.node)) continue
    const key = section === 'paths' ? normalizePathTemplate(template) : template
    if (out.has(key)) continue
    out.set(key, {
      template,
      item: resolved.node,
      pointer: resolved.ref ?? `#/${section}/${escapePointerToken(template)}`,
    })
  }
  return out
}

/** Compares every operation under `paths` (or every webhook), matching paths by normalised template. */
export function diffPaths(run: DiffRun, section: 'paths' | 'webhooks'): void {
  const oldPaths = pathsOf(run, 'old', section)
  const newPaths = pathsOf(run, 'new', section)
  const webhook = section === 'webhooks'
  for (const [key, oldEntry] of oldPaths) {
    const newEntry = newPaths.get(key)
    for (const method of methods) {
      const oldOperation = oldEntry.item[method]
      if (!isJsonObject(oldOperation)) continue
      const newOperation = newEntry?.item[method]
      const pair: OperationPair = {
        path: (newEntry ?? oldEntry).template,
        method: method.toUpperCase(),
        webhook,
        old: source(oldEntry, method, oldOperation),
        new:
          newEntry !== undefined && isJsonObject(newOperation)
            ? source(newEntry, method, newOperation)
            : source(oldEntry, method, oldOperation),
      }
      if (newEntry === undefined || !isJsonObject(newOperation)) reportRemoval(run, pair, oldOperation)
      else diffOperation(run, pair)
    }
  }
  for (const [key, newEntry] of newPaths) {
    const oldEntry = oldPaths.get(key)
    for (const method of methods) {
      const newOperation = newEntry.item[method]
      if (!isJsonObject(newOperation) || (oldEntry !== undefined && isJsonObject(oldEntry.item[method]))) continue
      const at = source(newEntry, method, newOperation)
      const ctx = operationContext(run, {
        path: newEntry.template,
        method: method.toUpperCase(),
        webhook,
        old: at,
        new: at,
      })
      reportAt(ctx, webhook ? rules.webhookAdded : rules.operationAdded, {
        subject: subjectOf(ctx.label, webhook, newEntry.template),
      })
    }
  }
}

function source(entry: PathEntry, method: string, operation: JsonObject) {
  return {
    pathItem: entry.item,
    operation,
    pathPointer: entry.pointer,
    operationPointer: `${entry.pointer}/${method}`,
    template: entry.template,
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
