import { escapePointerToken, isJsonObject } from '../load/json-pointer.ts'
import * as bodyRules from '../rules/body-rules.ts'
import * as responseRules from '../rules/response-rules.ts'
import type { Direction } from './diff-run.ts'
import { diffSchema } from './diff-schema.ts'
import { reportAt, type SchemaContext } from './schema-context.ts'

/** Compares request bodies: presence, `required`, media types and their schemas. */
export function diffRequestBody(
  ctx: SchemaContext,
  oldBody: unknown,
  newBody: unknown,
  bodyDirection: Direction,
): void {
  const run = ctx.run
  const oldResolved = run.resolve('old', oldBody)
  const newResolved = run.resolve('new', newBody)
  const o = isJsonObject(oldResolved.node) ? oldResolved.node : undefined
  const n = isJsonObject(newResolved.node) ? newResolved.node : undefined
  const at = {
    ...ctx,
    label: 'request body',
    oldPointer: oldResolved.ref ?? `${ctx.oldPointer}/requestBody`,
    newPointer: newResolved.ref ?? `${ctx.newPointer}/requestBody`,
  }
  if (o === undefined && n === undefined) return
  if (n === undefined) {
    const method = ctx.site.method
    const unread = (method === 'GET' || method === 'HEAD') && !declaresSchema(o?.content)
    reportAt(at, unread ? bodyRules.requestBodyRemovedFromGet : bodyRules.requestBodyRemoved, {}, 'old')
    return
  }
  if (o === undefined) {
    reportAt(at, n.required === true ? bodyRules.requestBodyBecameRequired : bodyRules.requestBodyBecameOptional, {})
    return
  }
  if (o.required !== true && n.required === true) reportAt(at, bodyRules.requestBodyBecameRequired, {})
  if (o.required === true && n.required !== true) reportAt(at, bodyRules.requestBodyBecameOptional, {})
  diffContent({ ...at, direction: bodyDirection }, o.content, n.content, 'request body')
}

function declaresSchema(content: unknown): boolean {
  return (
    isJsonObject(content) && Object.values(content).some((media) => isJsonObject(media) && media.schema !== undefined)
  )
}

/** Compares the media types of a request body or response and the schema of each. */
export function diffContent(ctx: SchemaContext, oldContent: unknown, newContent: unknown, what: string): void {
  const o = isJsonObject(oldContent) ? oldContent : {}
  const n = isJsonObject(newContent) ? newContent : {}
  const request = what === 'request body'
  const newByType = new Map(Object.keys(n).map((key) => [normalizeMediaType(key), key]))
  for (const [oldType, oldMedia] of Object.entries(o)) {
    const newType = newByType.get(normalizeMediaType(oldType))
    const oldPointer = `${ctx.oldPointer}/content/${escapePointerToken(oldType)}`
    const label = `${what} (${oldType})`
    if (newType === undefined) {
      const at = { ...ctx, label, oldPointer, newPointer: oldPointer }
      const rule = request
        ? bodyRules.requestMediaTypeRemoved
        : isError(what)
          ? responseRules.errorResponseBodyRemoved
          : responseRules.responseMediaTypeRemoved
      reportAt(at, rule, {}, 'old')
      continue
    }
    const newMedia = n[newType]
    const newPointer = `${ctx.newPointer}/content/${escapePointerToken(newType)}`
    const oldSchema = isJsonObject(oldMedia) ? oldMedia.schema : undefined
    const newSchema = isJsonObject(newMedia) ? newMedia.schema : undefined
    const at = { ...ctx, label, oldPointer: `${oldPointer}/schema`, newPointer: `${newPointer}/schema` }
    if (oldSchema === undefined && newSchema !== undefined) {
      if (ctx.direction === 'request') reportAt(at, bodyRules.requestSchemaAdded, {})
      continue
    }
    if (oldSchema !== undefined && newSchema === undefined) {
      const rule = isError(what) ? responseRules.errorResponseBodyRemoved : bodyRules.responseSchemaRemoved
      if (ctx.direction === 'response') reportAt(at, rule, {}, 'old')
      continue
    }
    if (oldSchema === undefined) continue
    // XML and plain text bodies are not typed like JSON: a type change there is not a wire change.
    diffSchema({ ...at, looseTypes: !isJsonLike(newType) }, oldSchema, newSchema)
  }
  const oldTypes = new Set(Object.keys(o).map(normalizeMediaType))
  for (const newType of Object.keys(n)) {
    if (oldTypes.has(normalizeMediaType(newType))) continue
    const pointer = `${ctx.newPointer}/content/${escapePointerToken(newType)}`
    const at = { ...ctx, label: `${what} (${newType})`, oldPointer: pointer, newPointer: pointer }
    reportAt(at, request ? bodyRules.requestMediaTypeAdded : responseRules.responseMediaTypeAdded, {})
  }
}

/**
 * Whether `what` names a non-success response ("response 404", "response default"). Losing an error
 * body is judged like losing the error response: servers may answer any error status, so clients
 * handle errors they do not know; changing a documented error body is still compared like any other.
 */
function isError(what: string): boolean {
  const status = /^response (\S+)$/.exec(what)?.[1]
  return status !== undefined && !status.startsWith('2')
}

function normalizeMediaType(mediaType: string): string {
  return mediaType.toLowerCase().replace(/\s+/g, '')
}

function isJsonLike(mediaType: string): boolean {
  const type = mediaType.toLowerCase()
  return type.includes('json') || type.includes('form') || type === '*/*' || !/(xml|text\/)/.test(type)
}

/** Compares the responses of an operation: statuses, headers, media types and schemas. */
export function diffResponses(
  ctx: SchemaContext,
  oldResponses: unknown,
  newResponses: unknown,
  direction: Direction,
): void {
  const run = ctx.run
  const o = isJsonObject(oldResponses) ? oldResponses : {}
  const n = isJsonObject(newResponses) ? newResponses : {}
  for (const [status, oldRaw] of Object.entries(o)) {
    const oldResolved = run.resolve('old', oldRaw)
    const oldPointer = oldResolved.ref ?? `${ctx.oldPointer}/responses/${escapePointerToken(status)}`
    const label = `response ${status}`
    if (!Object.hasOwn(n, status)) {
      const at = { ...ctx, label, oldPointer, newPointer: oldPointer }
      if (status.startsWith('2')) {
        const others = Object.keys(n).filter((s) => s.startsWith('2') && !Object.hasOwn(o, s))
        const detail = others.length > 0 ? ` (replaced by ${others.join(', ')})` : ''
        reportAt(at, responseRules.successResponseRemoved, { detail }, 'old')
      } else {
        reportAt(at, responseRules.errorResponseRemoved, {}, 'old')
      }
      continue
    }
    const newResolved = run.resolve('new', n[status])
    const newPointer = newResolved.ref ?? `${ctx.newPointer}/responses/${escapePointerToken(status)}`
    const oldResponse = isJsonObject(oldResolved.node) ? oldResolved.node : {}
    const newResponse = isJsonObject(newResolved.node) ? newResolved.node : {}
    const at = { ...ctx, label, oldPointer, newPointer, direction }
    diffHeaders(at, oldResponse.headers, newResponse.headers)
    diffContent(at, oldResponse.content, newResponse.content, label)
  }
  for (const status of Object.keys(n)) {
    if (Object.hasOwn(o, status)) continue
    const pointer = `${ctx.newPointer}/responses/${escapePointerToken(status)}`
    reportAt(
      { ...ctx, label: `response ${status}`, oldPointer: pointer, newPointer: pointer },
      responseRules.responseAdded,
      {},
    )
  }
}

function diffHeaders(ctx: SchemaContext, oldHeaders: unknown, newHeaders: unknown) {
  const run = ctx.run
  const o = isJsonObject(oldHeaders) ? oldHeaders : {}
  const n = isJsonObject(newHeaders) ? newHeaders : {}
  const newByName = new Map(Object.keys(n).map((name) => [name.toLowerCase(), name]))
  for (const [name, oldRaw] of Object.entries(o)) {
    const oldPointer = `${ctx.oldPointer}/headers/${escapePointerToken(name)}`
    const label = `${ctx.label} header \`${name}\``
    const newName = newByName.get(name.toLowerCase())
    if (newName === undefined) {
      reportAt({ ...ctx, label, oldPointer, newPointer: oldPointer }, responseRules.responseHeaderRemoved, {}, 'old')
      continue
    }
    const newPointer = `${ctx.newPointer}/headers/${escapePointerToken(newName)}`
    const oldHeader = run.object('old', oldRaw) ?? {}
    const newHeader = run.object('new', n[newName]) ?? {}
    const at = { ...ctx, label, oldPointer, newPointer }
    if (oldHeader.required === true && newHeader.required !== true)
      reportAt(at, responseRules.responseHeaderBecameOptional, {})
    if (oldHeader.schema !== undefined && newHeader.schema !== undefined) {
      diffSchema(
        { ...at, oldPointer: `${oldPointer}/schema`, newPointer: `${newPointer}/schema` },
        oldHeader.schema,
        newHeader.schema,
      )
    }
  }
  const oldNames = new Set(Object.keys(o).map((name) => name.toLowerCase()))
  for (const name of Object.keys(n)) {
    if (oldNames.has(name.toLowerCase())) continue
    const pointer = `${ctx.newPointer}/headers/${escapePointerToken(name)}`
    reportAt(
      { ...ctx, label: `${ctx.label} header \`${name}\``, oldPointer: pointer, newPointer: pointer },
      responseRules.responseHeaderAdded,
      {},
    )
  }
}
