import type { NoticePlan, NoticeState, PlannedNotice } from './plan-notices.ts'

/** A plan with each principal's contact address (`null`: no contact). */
export type NoticePlanWithContacts = NoticePlan & { readonly contacts: Readonly<Record<string, string | null>> }

const stateText: Record<NoticeState, string> = {
  sent: 'sent',
  pending: 'pending',
  unknown: 'outcome unknown — will be resent with the same Message-ID',
  upcoming: 'upcoming',
  superseded: 'superseded (a later notice is due)',
}

const scoped = (scope: string | undefined, version: string) => (scope === undefined ? version : `${scope} ${version}`)

function _notice(n: PlannedNotice): string {
  const extra = [
    n.messageId,
    n.sentAt && `sent ${n.sentAt}`,
    n.attempts && `${n.attempts} attempt${n.attempts === 1 ? '' : 's'}`,
    n.lastError && `last error: ${n.lastError}`,
  ].filter(Boolean)
  return `    ${n.milestone.padEnd(14)} due ${n.due}  ${stateText[n.state]}${extra.length > 0 ? `  (${extra.join('; ')})` : ''}`
}

/**
 * Formats a notice plan for a terminal: one block per principal, one line per notice.
 *
 * @example
 * io.stdout(formatNoticePlanText(plan))
 */
export function formatNoticePlanText(plan: NoticePlanWithContacts): string {
  if (plan.principals.length === 0) {
    return `No principal called a deprecated version since ${plan.since.slice(0, 10)}: no notices due.\n`
  }
  const out: string[] = []
  for (const { principal, versions } of plan.principals) {
    const contact = plan.contacts[principal]
    out.push(`${principal} <${contact ?? 'no contact'}>`)
    for (const v of versions) {
      const sunset = v.sunset === undefined ? 'no sunset' : `sunset ${v.sunset}`
      const to = v.successor === undefined ? '' : `, move to ${v.successor}`
      out.push(
        `  ${scoped(v.scope, v.version)}: deprecated ${v.deprecated}, ${sunset}${to}; ${v.requests} requests${v.lastSeen ? `, last seen ${v.lastSeen}` : ''}`,
      )
      for (const n of v.notices) out.push(_notice(n))
    }
  }
  const count = (state: NoticeState) =>
    plan.principals.flatMap((p) => p.versions.flatMap((v) => v.notices)).filter((n) => n.state === state).length
  out.push(
    '',
    `${count('pending')} pending, ${count('unknown')} outcome unknown, ${count('sent')} sent, ${count('upcoming')} upcoming`,
  )
  return `${out.join('\n')}\n`
}
