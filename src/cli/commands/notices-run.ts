import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Api } from '../../api/index.ts'
import { isStrataError } from '../../error/index.ts'
import {
  changelogBetween,
  composeEmails,
  deliverEmails,
  formatNoticePlanText,
  type NoticePlan,
  type NoticePlanWithContacts,
  type OpenedOutbox,
  openOutbox,
  type PlannedEmail,
  type PlannedVersion,
  planNotices,
  senderDomain,
  smtpTransport,
} from '../../notices/index.ts'
import { openUsageStore, parseDuration, type UsageStore, usageReport } from '../../usage/index.ts'
import { exitCodes } from '../exit-codes.ts'
import { type StartedApp, startAppModule } from '../load-app.ts'
import type { CliIo } from '../main.ts'
import { CliUserError, parseNow } from '../user-error.ts'
import type { NoticesFlags } from './notices.ts'

interface Opened {
  readonly api: Api
  readonly app: StartedApp
  readonly store: UsageStore
  readonly outbox: OpenedOutbox
  readonly now: Date
  readonly since: Date
  close(): Promise<void>
}

function _checkFlags(flags: NoticesFlags): { now: Date; since: Date } {
  const now = parseNow(flags.now)
  const window = parseDuration(flags.window)
  if (window === undefined)
    throw new CliUserError(`--window must be a period such as 30d, 12h or 2w, got '${flags.window}'.`)
  if (flags.databaseUrl === undefined && flags.dataDir === undefined) {
    throw new CliUserError("pass --data-dir (the app's data directory, where usage.sqlite is) or --database-url.")
  }
  if (flags.dataDir !== undefined && (!existsSync(flags.dataDir) || !statSync(flags.dataDir).isDirectory())) {
    throw new CliUserError(`--data-dir ${flags.dataDir}: no such directory; point it at the app's data directory.`)
  }
  return { now, since: new Date(now.getTime() - window) }
}

async function _database<T>(flags: NoticesFlags, open: () => Promise<T>): Promise<T> {
  try {
    return await open()
  } catch (error) {
    if (isStrataError(error) || flags.databaseUrl === undefined) throw error
    const reason = (error as Error).message.split('\n')[0]
    throw new CliUserError(
      `--database-url: cannot use the database (${reason}); check the URL, that PostgreSQL is running and that usage was recorded there.`,
    )
  }
}

/** Opens usage, the outbox and the app, checking each in turn so a mistake stops before anything is written. */
async function _open(flags: NoticesFlags): Promise<Opened> {
  const { now, since } = _checkFlags(flags)
  const where = { ...(flags.dataDir !== undefined ? { dataDir: flags.dataDir } : {}), databaseUrl: flags.databaseUrl }
  const store = await _database(flags, () => openUsageStore({ ...where, create: false }))
  const outbox = await _database(flags, () => openOutbox(where)).catch(async (error: unknown) => {
    await store.close()
    throw error
  })
  // An app that keeps its own data (the control plane's service accounts) reads it from --data-dir.
  const scratch = flags.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'strata-notices-')) : undefined
  const closeData = async () => {
    await outbox.close()
    await store.close()
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true })
  }
  let app: StartedApp
  try {
    app = await startAppModule(flags.app, { dataDir: flags.dataDir ?? (scratch as string), now })
  } catch (error) {
    await closeData()
    throw error
  }
  const close = async () => {
    await app.close()
    await closeData()
  }
  return { api: app.source.api, app, store, outbox, now, since, close }
}

async function _plan(opened: Opened): Promise<NoticePlan> {
  const { api, now, since } = opened
  const report = await usageReport(opened.store, { api, now, since })
  return planNotices({ report, api, now, since, outbox: await opened.outbox.list() })
}

async function _contacts(api: Api, plan: NoticePlan): Promise<Record<string, string | null>> {
  const contacts: Record<string, string | null> = {}
  for (const { principal } of plan.principals) contacts[principal] = (await api.notices.contact?.(principal)) || null
  return contacts
}

/** `strata notices plan`: the notices due per principal, and where each stands. */
export async function runNoticesPlan(flags: NoticesFlags, io: CliIo): Promise<number> {
  const opened = await _open(flags)
  try {
    const plan = await _plan(opened)
    const withContacts: NoticePlanWithContacts = { ...plan, contacts: await _contacts(opened.api, plan) }
    io.stdout(
      flags.format === 'json' ? `${JSON.stringify(withContacts, null, 2)}\n` : formatNoticePlanText(withContacts),
    )
    return exitCodes.ok
  } finally {
    await opened.close()
  }
}

function _sender(flags: NoticesFlags): { from: string; domain: string; smtpUrl: string | undefined } {
  const from = process.env.NOTICES_FROM?.trim() ?? ''
  if (from === '')
    throw new CliUserError(
      'NOTICES_FROM is not set; set it to the sender, e.g. NOTICES_FROM="API team <api@example.com>".',
    )
  const domain = senderDomain(from)
  if (domain === undefined)
    throw new CliUserError(
      `NOTICES_FROM '${from}' is not an email address; write it as "Name <api@example.com>" or api@example.com.`,
    )
  const smtpUrl = process.env.SMTP_URL?.trim() || undefined
  if (flags.dryRun) return { from, domain, smtpUrl }
  if (smtpUrl === undefined)
    throw new CliUserError(
      'SMTP_URL is not set; set it to the mail server, e.g. SMTP_URL=smtp://user:password@mail.example.com:587.',
    )
  if (!/^smtps?:\/\/[^/]/.test(smtpUrl) || !URL.canParse(smtpUrl)) {
    throw new CliUserError(
      `SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://mail.example.com:587; got '${smtpUrl.replace(/\/\/[^@/]*@/, '//***@')}'.`,
    )
  }
  return { from, domain, smtpUrl }
}

function _topicOf(opened: Opened, entries: Parameters<typeof changelogBetween>[0]) {
  return (v: PlannedVersion) => {
    const set = opened.api.versionsOf(v.scope)
    const docs = (id: string | undefined) => (id === undefined ? undefined : set.find(id)?.docs)
    const link =
      opened.api.notices.migrationLink?.({ scope: v.scope, version: v.version, successor: v.successor }) ??
      docs(v.successor) ??
      docs(v.version)
    return {
      changelog: changelogBetween(entries, opened.api, v.scope, v.version, v.successor),
      ...(link !== undefined ? { migrationLink: link } : {}),
    }
  }
}

const _line = (e: PlannedEmail) => `${e.messageId} to ${e.to} (${e.principal}): ${e.subject}`

/** `strata notices send`: renders and delivers the due notices through the outbox. */
export async function runNoticesSend(flags: NoticesFlags, io: CliIo): Promise<number> {
  const sender = _sender(flags)
  const opened = await _open(flags)
  try {
    const plan = await _plan(opened)
    const { buildChangelog } = await import('../../openapi/contract/index.ts')
    const entries = buildChangelog(opened.app.source, { now: opened.now })
    const recipients = new Map(
      (await opened.outbox.list()).flatMap((r) =>
        r.state === 'sending' && r.message_id && r.recipient ? [[r.message_id, r.recipient] as const] : [],
      ),
    )
    const options = {
      api: opened.api,
      from: sender.from,
      domain: sender.domain,
      now: opened.now,
      topicOf: _topicOf(opened, entries),
    }
    const { emails, noContact } = await composeEmails(plan, recipients, options)
    if (flags.dryRun) {
      io.stdout(_dryRun(emails, noContact, flags.format, sender.from))
      return exitCodes.ok
    }
    const transport = smtpTransport(sender.smtpUrl as string)
    try {
      if (emails.length > 0) await _verify(transport, sender.smtpUrl as string)
      await opened.outbox.createTable()
      const outcome = await deliverEmails(emails, opened.outbox, transport, { from: sender.from, now: opened.now })
      if (flags.format === 'json')
        io.stdout(
          `${JSON.stringify({ sent: outcome.sent.map(_summary), failed: outcome.failed.map((f) => ({ ..._summary(f.email), error: f.error })), noContact }, null, 2)}\n`,
        )
      else {
        for (const e of outcome.sent) io.stdout(`${e.resend ? 'resent' : 'sent'} ${_line(e)}\n`)
        for (const p of noContact) io.stdout(`no contact: ${p} (the contact resolver knows no address)\n`)
        io.stdout(
          `${outcome.sent.length} sent, ${outcome.failed.length} not delivered, ${noContact.length} without contact\n`,
        )
      }
      if (outcome.failed.length === 0) return exitCodes.ok
      const first = outcome.failed[0] as { error: string }
      io.stderr(
        `strata notices send: ${outcome.failed.length} of ${emails.length} emails not delivered (${first.error}); their notices stay pending for the next run.\n`,
      )
      return exitCodes.breaking
    } finally {
      transport.close()
    }
  } finally {
    await opened.close()
  }
}

async function _verify(transport: ReturnType<typeof smtpTransport>, url: string): Promise<void> {
  try {
    await transport.verify()
  } catch (error) {
    const where = new URL(url).host
    throw new CliUserError(
      `SMTP_URL: cannot reach the SMTP server at ${where} (${(error as Error).message.split('\n')[0]}); check SMTP_URL and that the server is running.`,
    )
  }
}

const _summary = (e: PlannedEmail) => ({
  messageId: e.messageId,
  to: e.to,
  principal: e.principal,
  subject: e.subject,
  resend: e.resend,
  notices: e.notices,
})

function _dryRun(emails: readonly PlannedEmail[], noContact: readonly string[], format: string, from: string): string {
  if (format === 'json')
    return `${JSON.stringify({ emails: emails.map((e) => ({ ..._summary(e), from, text: e.text, html: e.html })), noContact }, null, 2)}\n`
  const out: string[] = []
  for (const e of emails) {
    out.push(
      `--- would ${e.resend ? 'resend' : 'send'} ${e.messageId}`,
      `From: ${from}`,
      `To: ${e.to}`,
      `Subject: ${e.subject}`,
      '',
      e.text,
    )
  }
  for (const p of noContact) out.push(`no contact: ${p} (the contact resolver knows no address)`)
  out.push(
    `${emails.length} emails would be sent, ${noContact.length} principals without contact; nothing written (dry run)`,
  )
  return `${out.join('\n')}\n`
}
