import { escapePointerToken } from '../load/json-pointer.ts'
import type { Rule, RuleMessageInput } from '../rules/rule.ts'
import type { DiffRun, Direction, Group } from './diff-run.ts'
import type { FindingLocation } from './finding.ts'

/** Where the schema comparison is: the direction, the use site, and pointers on both sides. */
export interface SchemaContext {
  readonly run: DiffRun
  readonly direction: Direction
  /** The operation-level place the schema is used (for `usedIn`). */
  readonly site: FindingLocation
  /** The shared component being compared, if any; findings go there. */
  readonly group: Group | undefined
  /** How the root of the comparison is named: "request body (application/json)", "query parameter `limit`". */
  readonly label: string
  /** The property path below the root, e.g. `owner.name` or `items[]`. */
  readonly at: string
  readonly oldPointer: string
  readonly newPointer: string
  /** Why breaking findings here are exempt (an alpha/draft operation), if they are. */
  readonly exempt: string | undefined
  /** Inside a matched allOf member: properties are compared on the merged parent instead. */
  readonly skipProperties: boolean
  /** Non-JSON media types (XML, plain text) are loosely typed: type changes are not compared. */
  readonly looseTypes: boolean
  /** A parameter value: it travels as text, so a string accepts what a number or boolean was. */
  readonly textWire: boolean
}

/** The words for the value being compared, e.g. "response property `Pet.name`". */
export function subjectOf(ctx: SchemaContext): string {
  const root = ctx.group === undefined ? undefined : ctx.group.name
  if (ctx.at === '') return root === undefined ? ctx.label : `${ctx.direction} schema \`${root}\``
  const name = root === undefined ? ctx.at : `${root}.${ctx.at}`
  const where = root === undefined ? ` in the ${ctx.label}` : ''
  return `${ctx.direction} property \`${name}\`${where}`
}

/** Reports a finding at the current place, on the side where the changed element lives. */
export function reportAt(
  ctx: SchemaContext,
  rule: Rule,
  input: Omit<RuleMessageInput, 'subject'> & { subject?: string },
  side: 'old' | 'new' = 'new',
): void {
  const location: FindingLocation = {
    pointer: side === 'old' ? ctx.oldPointer : ctx.newPointer,
    ...(ctx.site.path === undefined ? {} : { path: ctx.site.path }),
    ...(ctx.site.method === undefined ? {} : { method: ctx.site.method }),
  }
  ctx.run.report(rule, { ...input, subject: input.subject ?? subjectOf(ctx) }, location, ctx.group, ctx.exempt)
}

/** The context one level down: a keyword on both sides and an optional step in the property path. */
export function descend(
  ctx: SchemaContext,
  oldTokens: readonly string[],
  newTokens: readonly string[] = oldTokens,
  step?: string,
): SchemaContext {
  return {
    ...ctx,
    oldPointer: ctx.oldPointer + tokens(oldTokens),
    newPointer: ctx.newPointer + tokens(newTokens),
    at: step === undefined ? ctx.at : joinPath(ctx.at, step),
  }
}

function tokens(list: readonly string[]): string {
  let out = ''
  for (const token of list) out += `/${escapePointerToken(token)}`
  return out
}

function joinPath(at: string, step: string): string {
  if (at === '') return step
  return step.startsWith('[') ? `${at}${step}` : `${at}.${step}`
}

/** The context at explicit pointers (a property declared in an allOf member) with a step in the path. */
export function atPointers(ctx: SchemaContext, oldPointer: string, newPointer: string, step: string): SchemaContext {
  return { ...ctx, oldPointer, newPointer, at: joinPath(ctx.at, step) }
}
