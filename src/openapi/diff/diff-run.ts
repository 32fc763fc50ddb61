import { getByPointer, isJsonObject, type JsonObject } from '../load/json-pointer.ts'
import type { OpenApiDocument } from '../load/openapi-document.ts'
import { type Policy, severityFor } from '../policy/policy.ts'
import type { Rule, RuleMessageInput } from '../rules/rule.ts'
import type { Finding, FindingLocation } from './finding.ts'
import { SameContent } from './same-content.ts'

/** Which way data flows at a place in the document: clients send requests and read responses. */
export type Direction = 'request' | 'response'

/** A shared component compared once per direction; its findings list every place it is used. */
export interface Group {
  readonly name: string
  readonly findings: Finding[]
  readonly sites: FindingLocation[]
  readonly parents: Group[]
}

/** The state of one comparison: both documents, the policy, and the findings so far. */
export class DiffRun {
  readonly findings: Finding[] = []
  readonly groups = new Map<string, Group>()
  /** Told of every operation matched, removed or added (see `DiffOptions.onOperation`). */
  onOperation: ((operation: { webhook: boolean; old: string | undefined; new: string | undefined }) => void) | undefined
  private readonly oldCache = new Map<string, unknown>()
  private readonly newCache = new Map<string, unknown>()
  private readonly sameContent = new SameContent((side, node) => this.resolve(side, node).node)

  constructor(
    readonly oldDoc: OpenApiDocument,
    readonly newDoc: OpenApiDocument,
    readonly policy: Policy,
    readonly now: Date,
  ) {}

  /** Follows `$ref`s to the node they designate; `ref` is the last pointer followed, if any. */
  resolve(side: 'old' | 'new', node: unknown): { node: unknown; ref: string | undefined } {
    let ref: string | undefined
    let current = node
    for (let hops = 0; hops < 32 && isJsonObject(current) && typeof current.$ref === 'string'; hops++) {
      ref = current.$ref
      current = this.lookup(side, ref)
    }
    return { node: current, ref }
  }

  /** Whether nothing under an old and a new node differs, `$ref` targets included (see {@link SameContent}). */
  unchanged(oldNode: unknown, newNode: unknown): boolean {
    return this.sameContent.same(oldNode, newNode)
  }

  /** Like {@link resolve}, but only returns the node, or undefined unless it is an object. */
  object(side: 'old' | 'new', node: unknown): JsonObject | undefined {
    const resolved = this.resolve(side, node).node
    return isJsonObject(resolved) ? resolved : undefined
  }

  private lookup(side: 'old' | 'new', ref: string): unknown {
    const cache = side === 'old' ? this.oldCache : this.newCache
    if (cache.has(ref)) return cache.get(ref)
    const value = getByPointer((side === 'old' ? this.oldDoc : this.newDoc).root, ref)
    cache.set(ref, value)
    return value
  }

  /** Records a finding under the policy; `exempt` names why breaking findings are only `info`. */
  report(
    rule: Rule,
    input: RuleMessageInput,
    location: FindingLocation,
    group: Group | undefined,
    exempt?: string,
  ): void {
    let severity = severityFor(this.policy, rule.id, rule.severity)
    if (severity === 'off') return
    let message = rule.message(input)
    message = message.charAt(0).toUpperCase() + message.slice(1)
    if (exempt !== undefined && severity === 'breaking') {
      severity = 'info'
      message += ` (not breaking: ${exempt})`
    }
    const finding: Finding = { rule: rule.id, severity, location, message }
    ;(group?.findings ?? this.findings).push(finding)
  }

  /** Finds or creates the group for a shared component; `created` tells whether to compare it now. */
  enterGroup(
    key: string,
    name: string,
    parent: Group | undefined,
    site: FindingLocation,
  ): { group: Group; created: boolean } {
    let group = this.groups.get(key)
    const created = group === undefined
    if (group === undefined) {
      group = { name, findings: [], sites: [], parents: [] }
      this.groups.set(key, group)
    }
    if (parent !== undefined) {
      if (parent !== group && !group.parents.includes(parent)) group.parents.push(parent)
    } else if (!group.sites.some((s) => sameLocation(s, site))) {
      group.sites.push(site)
    }
    return { group, created }
  }

  /**
   * All findings: direct ones, then each group's once, located at its first use. A component reached
   * through several others (`Pet.owner`, `Order.buyer`, both `User`) is compared in each of their
   * groups; the same rule at the same place is one change, reported once with every use merged, in
   * the words of the component that holds it.
   */
  finish(): Finding[] {
    const out = [...this.findings]
    const merged = new Map<string, { finding: Finding; holder: boolean; siteKeys?: Set<string> }>()
    for (const group of this.groups.values()) {
      if (group.findings.length === 0) continue
      const sites = sitesOf(group)
      for (const finding of group.findings) {
        const first = sites[0]
        const location: FindingLocation = { ...finding.location }
        if (first?.path !== undefined) location.path = first.path
        if (first?.method !== undefined) location.method = first.method
        const result: Finding = sites.length > 0 ? { ...finding, location, usedIn: sites } : finding
        const key = `${finding.rule}|${finding.severity}|${finding.location.pointer}`
        const holder = holds(group, finding.location.pointer)
        const seen = merged.get(key)
        if (seen === undefined) {
          merged.set(key, { finding: result, holder })
          out.push(result)
          continue
        }
        if (sites.length > 0) {
          seen.finding.usedIn ??= []
          const usedIn = seen.finding.usedIn
          seen.siteKeys ??= new Set(usedIn.map(siteKey))
          addSites(usedIn, seen.siteKeys, sites)
        }
        if (holder && !seen.holder) {
          seen.finding.message = result.message
          seen.holder = true
        }
      }
    }
    return out
  }
}

/** Webhooks are named, not templated: their path does not start with a slash. */
function isWebhook(site: FindingLocation): boolean {
  return site.path !== undefined && !site.path.startsWith('/')
}

function sitesOf(group: Group): FindingLocation[] {
  const sites: FindingLocation[] = []
  const seen = new Set<Group>()
  const keys = new Set<string>()
  const stack = [group]
  while (stack.length > 0) {
    const current = stack.pop()
    if (current === undefined || seen.has(current)) continue
    seen.add(current)
    addSites(sites, keys, current.sites)
    stack.push(...current.parents)
  }
  // Direct uses first, then through other components; operations under `paths` before webhooks.
  return sites.sort((a, b) => Number(isWebhook(a)) - Number(isWebhook(b)))
}

/** Appends the sites not in `list` yet; `keys` holds the {@link siteKey} of each site in it. */
function addSites(list: FindingLocation[], keys: Set<string>, more: readonly FindingLocation[]): void {
  for (const site of more) {
    const key = siteKey(site)
    if (keys.has(key)) continue
    keys.add(key)
    list.push(site)
  }
}

function siteKey(site: FindingLocation): string {
  return `${site.method} ${site.path} ${site.pointer}`
}

/** Whether a finding's pointer lies in the component the group compares. */
function holds(group: Group, pointer: string): boolean {
  const component = /^#\/components\/[^/]+\/[^/]+/.exec(pointer)?.[0]
  return component !== undefined && refName(component) === group.name
}

function sameLocation(a: FindingLocation, b: FindingLocation): boolean {
  return a.path === b.path && a.method === b.method && a.pointer === b.pointer
}

/** A readable name for a `$ref` target: the component name, or the file and pointer. */
export function refName(ref: string): string {
  const component = /^#\/components\/[^/]+\/([^/]+)$/.exec(ref)
  if (component?.[1] !== undefined) return unescapeToken(component[1])
  const external = /^#\/x-strata-external\/([^/]+)(.*)$/.exec(ref)
  if (external?.[1] !== undefined) return `${unescapeToken(external[1])}${external[2] ? `#${external[2]}` : ''}`
  return ref
}

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~')
}
