import type { Api } from '../api/index.ts'
import { messageIdOf } from './message-id.ts'
import { type NoticeEmail, type NoticeTopic, renderNoticeEmail } from './notice-email.ts'
import { isConnectionFailure, type NoticeTransport } from './notice-transport.ts'
import type { NoticeRef, Outbox } from './outbox.ts'
import type { NoticePlan, PlannedVersion } from './plan-notices.ts'

/** One email a run sends (or, dry, would send). */
export interface PlannedEmail extends NoticeEmail {
  readonly principal: string
  readonly to: string
  readonly messageId: string
  readonly notices: readonly NoticeRef[]
  /** A resend of an email whose outcome was unknown, under its first Message-ID. */
  readonly resend: boolean
}

/** What one run did. */
export interface SendOutcome {
  readonly sent: readonly PlannedEmail[]
  /** Emails refused or not attempted because the server went away; their notices stay pending. */
  readonly failed: readonly { readonly email: PlannedEmail; readonly error: string }[]
  /** Principals with notices due but no contact address. */
  readonly noContact: readonly string[]
}

/** Everything a run needs besides the plan. */
export interface SendOptions {
  readonly api: Api
  readonly from: string
  /** The Message-ID domain, from the sender address. */
  readonly domain: string
  readonly now: Date
  /** The changelog entries and migration link of one planned version. */
  readonly topicOf: (version: PlannedVersion) => Omit<NoticeTopic, 'version' | 'notice'>
}

function _email(
  principal: string,
  to: string,
  topics: NoticeTopic[],
  messageId: string,
  resend: boolean,
  options: SendOptions,
): PlannedEmail {
  const notices = topics.map((t) => ({
    principal,
    scope: t.version.scope,
    version: t.version.version,
    milestone: t.notice.milestone,
  }))
  return { principal, to, messageId, notices, resend, ...renderNoticeEmail(principal, topics, options.now) }
}

/**
 * The emails a plan calls for: first every email whose outcome is unknown, again to the same
 * address under the same Message-ID; then one email per principal with pending notices and a
 * contact address.
 *
 * @example
 * const { emails, noContact } = await composeEmails(plan, outboxRows, options)
 */
export async function composeEmails(
  plan: NoticePlan,
  recipients: ReadonlyMap<string, string>,
  options: SendOptions,
): Promise<{ emails: PlannedEmail[]; noContact: string[] }> {
  const emails: PlannedEmail[] = []
  const noContact: string[] = []
  for (const { principal, versions } of plan.principals) {
    const unknown = new Map<string, NoticeTopic[]>()
    const pending: NoticeTopic[] = []
    for (const version of versions) {
      for (const notice of version.notices) {
        const topic = { version, notice, ...options.topicOf(version) }
        if (notice.state === 'unknown' && notice.messageId !== undefined) {
          unknown.set(notice.messageId, [...(unknown.get(notice.messageId) ?? []), topic])
        } else if (notice.state === 'pending') pending.push(topic)
      }
    }
    for (const [messageId, topics] of unknown) {
      const to = recipients.get(messageId)
      if (to !== undefined) emails.push(_email(principal, to, topics, messageId, true, options))
    }
    if (pending.length === 0) continue
    const to = await options.api.notices.contact?.(principal)
    if (to === undefined || to.trim() === '') {
      noContact.push(principal)
      continue
    }
    const refs = pending.map((t) => ({
      principal,
      scope: t.version.scope,
      version: t.version.version,
      milestone: t.notice.milestone,
    }))
    emails.push(_email(principal, to, pending, messageIdOf(refs, options.domain), false, options))
  }
  return { emails, noContact }
}

/**
 * Delivers emails through the outbox: each is recorded as `sending` before the SMTP call and as
 * `sent` once the server accepted it; a refusal puts its notices back to pending, and a lost
 * connection stops the run with the rest left pending.
 *
 * @example
 * const outcome = await deliverEmails(emails, outbox, transport, { from, now })
 */
export async function deliverEmails(
  emails: readonly PlannedEmail[],
  outbox: Outbox,
  transport: NoticeTransport,
  options: { from: string; now: Date },
): Promise<Pick<SendOutcome, 'sent' | 'failed'>> {
  const sent: PlannedEmail[] = []
  const failed: { email: PlannedEmail; error: string }[] = []
  let unreachable: string | undefined
  for (const email of emails) {
    if (unreachable !== undefined) {
      failed.push({ email, error: unreachable })
      continue
    }
    if (!(await outbox.claim(email.notices, email.messageId, email.to, options.now))) continue
    try {
      await transport.send({ ...email, from: options.from })
    } catch (error) {
      const message = (error as Error).message.split('\n')[0] ?? String(error)
      await outbox.markFailed(email.messageId, message, options.now)
      failed.push({ email, error: message })
      if (isConnectionFailure(error)) unreachable = message
      continue
    }
    await outbox.markSent(email.messageId, options.now)
    sent.push(email)
  }
  return { sent, failed }
}
