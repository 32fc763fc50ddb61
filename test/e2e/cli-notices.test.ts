import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createServer as createCalendarServer } from '../../examples/calendar/main.ts'
import { createServer } from '../../examples/control-plane/main.ts'
import { main } from '../../src/cli/main.ts'
import { openUsageStore, type UsageRow } from '../../src/usage/index.ts'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const app = 'examples/control-plane/main.ts'
const KEY = 'NOTICEADMIN1:a-notice-test-secret-of-32-chars'
const OWNER = 'platform-team@example.com'
const FROM = 'API team <api@example.com>'
// cmk/v1: deprecated 2026-06-01, sunset 2027-06-01 (180-day policy): reminders due 2027-03-03, 05-02, 05-25.
const AT_DEPRECATION = '2026-12-01T00:00:00Z'
const AFTER_90_DAY_REMINDER = '2027-03-05T00:00:00Z'
const AFTER_30_DAY_REMINDER = '2027-05-03T00:00:00Z'

interface Run {
  readonly child: ChildProcess
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>
}

function strata(args: string[], env: Record<string, string | undefined>): Run {
  const child = spawn(process.execPath, ['bin/strata.js', ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', BOOTSTRAP_API_KEY: KEY, ...env },
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d))
  child.stderr.on('data', (d: Buffer) => (stderr += d))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  )
  return { child, done }
}

/** Runs the CLI in this process (fast); only the crash test needs a process of its own to kill. */
async function strataHere(args: string[], env: Record<string, string | undefined>) {
  let stdout = ''
  let stderr = ''
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  try {
    const code = await main(args, {
      stdout: (t) => {
        stdout += t
      },
      stderr: (t) => {
        stderr += t
      },
      color: false,
    })
    return { code, stdout, stderr }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

let dataDir: string
let smtp: SmtpSink
let adminPrincipal: string
const common = () => ['--app', app, '--data-dir', dataDir, '--window', '365d']
const sendArgs = (now: string) => ['notices', 'send', ...common(), '--now', now]
const sendEnv = () => ({ SMTP_URL: smtp.url, NOTICES_FROM: FROM })
const send = (now: string) => strataHere(sendArgs(now), sendEnv())
const plan = (now: string, format = 'json') =>
  strataHere(['notices', 'plan', ...common(), '--now', now, '--format', format], {})

/** The notices of one principal in `notices plan --format json`. */
async function noticesOf(now: string, principal: string) {
  const { code, stdout, stderr } = await plan(now)
  expect([code, stderr]).toEqual([0, ''])
  const parsed = JSON.parse(stdout) as {
    principals: { principal: string; versions: { notices: Record<string, unknown>[] }[] }[]
  }
  return parsed.principals.find((p) => p.principal === principal)?.versions[0]?.notices ?? []
}

const row = (client: string, requests: number): UsageRow => ({
  minute: '2026-11-20T10:00:00Z',
  scope: 'cmk',
  version: 'v1',
  channel: 'stable',
  endpoint: 'GET /cmk/v1/clusters',
  client,
  status_class: '2xx',
  requests,
})

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'strata-notices-'))
  // The control plane creates its admin service account, owned by OWNER, on first start.
  Object.assign(process.env, { BOOTSTRAP_API_KEY: KEY, BOOTSTRAP_OWNER_EMAIL: OWNER })
  const server = await createServer({ dataDir, logger: false })
  const auth = `Basic ${Buffer.from(KEY).toString('base64')}`
  const res = await server.inject({ url: '/iam/v2/service-accounts', headers: { authorization: auth } })
  await server.close()
  delete process.env.BOOTSTRAP_OWNER_EMAIL
  adminPrincipal = `service-account:${(res.json() as { data: { id: string }[] }).data[0]?.id}`
  const store = await openUsageStore({ dataDir })
  await store.add([row(adminPrincipal, 5), row('user:u-without-contact', 2)])
  await store.close()
  smtp = await startSmtpSink()
}, 60_000)

afterAll(async () => {
  await smtp?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('strata notices (control-plane app, SQLite, a real SMTP server)', () => {
  test('send at deprecation -> one email to the service account owner with Message-ID, subject, text and HTML; a re-run sends nothing', async () => {
    const first = await send(AT_DEPRECATION)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('no contact: user:u-without-contact')
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!.parsed
    expect(smtp.received[0]!.envelopeTo).toEqual([OWNER])
    expect(mail.from?.text).toBe('"API team" <api@example.com>')
    expect(mail.messageId).toMatch(/^<notice\.[0-9a-f]{32}@example\.com>$/)
    expect(mail.subject).toBe('Deprecation notice: cmk v1 is deprecated and will be sunset on 2027-06-01')
    const text = mail.text ?? ''
    expect(text).toContain(`the API client ${adminPrincipal} still calls a version`)
    expect(text).toContain('Deprecated since: 2026-06-01')
    expect(text).toContain('Sunset: 2027-06-01 (182 days from now)')
    expect(text).toContain('Move to: cmk v2')
    expect(text).toContain('    - GET /cmk/v1/clusters')
    expect(text).toContain('v2: Clusters use `display_name`; creating one answers 202 while it provisions.')
    expect(text).toContain('Migration guide: https://docs.example.com/control-plane/cmk/v2')
    const html = String(mail.html)
    expect(html).toContain('<code>GET /cmk/v1/clusters</code>')
    expect(html).toContain('<a href="https://docs.example.com/control-plane/cmk/v2">')
    expect(first.stdout).toContain(`sent ${mail.messageId} to ${OWNER}`)

    const again = await send(AT_DEPRECATION)
    expect([again.code, again.stderr]).toEqual([0, ''])
    expect(again.stdout).toContain('0 sent, 0 not delivered, 1 without contact')
    expect(smtp.received).toHaveLength(1)
    const notices = await noticesOf(AT_DEPRECATION, adminPrincipal)
    expect(notices[0]).toMatchObject({ milestone: 'deprecation', state: 'sent', messageId: mail.messageId })
    expect(notices.slice(1).map((n) => [n.milestone, n.state])).toEqual([
      ['reminder-90d', 'upcoming'],
      ['reminder-30d', 'upcoming'],
      ['reminder-7d', 'upcoming'],
    ])
  }, 180_000)

  test('crash after the SMTP server took the message, before the outbox recorded it -> plan says outcome unknown; the next run resends it with the same Message-ID, once', async () => {
    const run = strata(sendArgs(AFTER_90_DAY_REMINDER), sendEnv())
    smtp.beforeAccept = async () => {
      run.child.kill('SIGKILL')
      await new Promise((resolve) => run.child.once('exit', resolve))
    }
    const crashed = await run.done
    smtp.beforeAccept = undefined
    expect(crashed.code).toBe(null)
    expect(smtp.received).toHaveLength(2)
    const first = smtp.received[1]!.parsed
    expect(first.subject).toBe('Reminder: cmk v1 will be sunset in 88 days, on 2027-06-01')

    const notices = await noticesOf(AFTER_90_DAY_REMINDER, adminPrincipal)
    expect(notices.find((n) => n.milestone === 'reminder-90d')).toMatchObject({
      state: 'unknown',
      messageId: first.messageId,
    })
    const human = await plan(AFTER_90_DAY_REMINDER, 'text')
    expect(human.stdout).toContain(
      `reminder-90d   due 2027-03-03  outcome unknown — will be resent with the same Message-ID  (${first.messageId}`,
    )

    const resent = await send(AFTER_90_DAY_REMINDER)
    expect([resent.code, resent.stderr]).toEqual([0, ''])
    expect(resent.stdout).toContain(`resent ${first.messageId} to ${OWNER}`)
    expect(smtp.received).toHaveLength(3)
    expect(smtp.received[2]!.parsed.messageId).toBe(first.messageId)
    expect(smtp.received[2]!.parsed.subject).toBe(first.subject)

    const after = await send(AFTER_90_DAY_REMINDER)
    expect(after.code).toBe(0)
    expect(smtp.received).toHaveLength(3)
  }, 240_000)

  test('SMTP server stopped -> exit 2 with one line naming SMTP_URL, the reminder stays pending; a refused recipient -> exit 1, still pending; the next run with the server back delivers it', async () => {
    const port = smtp.port
    await smtp.stop()
    const down = await send(AFTER_30_DAY_REMINDER)
    expect(down.code).toBe(2)
    expect(down.stderr).toMatch(
      new RegExp(
        `^strata notices send: SMTP_URL: cannot reach the SMTP server at 127\\.0\\.0\\.1:${port} \\(.+\\); check SMTP_URL and that the server is running\\.\\n$`,
      ),
    )
    const waiting = (await noticesOf(AFTER_30_DAY_REMINDER, adminPrincipal)).find((n) => n.milestone === 'reminder-30d')
    expect(waiting).toEqual({ milestone: 'reminder-30d', due: '2027-05-02', daysBefore: 30, state: 'pending' })

    const received = smtp.received
    smtp = await startSmtpSink(port)
    smtp.received.push(...received)
    smtp.refuseRecipients = 'Mailbox temporarily unavailable'
    const refused = await send(AFTER_30_DAY_REMINDER)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^strata notices send: 1 of 1 emails not delivered \(.*Mailbox temporarily unavailable.*\); their notices stay pending for the next run\.\n$/,
    )
    const stillPending = (await noticesOf(AFTER_30_DAY_REMINDER, adminPrincipal)).find(
      (n) => n.milestone === 'reminder-30d',
    )
    expect(stillPending).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining('Mailbox temporarily unavailable'),
    })

    smtp.refuseRecipients = undefined
    const delivered = await send(AFTER_30_DAY_REMINDER)
    expect([delivered.code, delivered.stderr]).toEqual([0, ''])
    expect(smtp.received).toHaveLength(4)
    expect(smtp.received[3]!.parsed.subject).toBe('Reminder: cmk v1 will be sunset in 29 days, on 2027-06-01')
    const sent = (await noticesOf(AFTER_30_DAY_REMINDER, adminPrincipal)).find((n) => n.milestone === 'reminder-30d')
    expect(sent).toMatchObject({ state: 'sent', attempts: 2, messageId: smtp.received[3]!.parsed.messageId })
  }, 120_000)

  test('--dry-run -> prints the email it would send and writes nothing', async () => {
    const dry = await strataHere([...sendArgs('2027-05-26T00:00:00Z'), '--dry-run'], {
      NOTICES_FROM: FROM,
      SMTP_URL: undefined,
    })
    expect([dry.code, dry.stderr]).toEqual([0, ''])
    expect(dry.stdout).toContain(`To: ${OWNER}`)
    expect(dry.stdout).toContain('Subject: Reminder: cmk v1 will be sunset in 6 days, on 2027-06-01')
    expect(dry.stdout).toContain('1 emails would be sent, 1 principals without contact; nothing written (dry run)')
    const notices = await noticesOf('2027-05-26T00:00:00Z', adminPrincipal)
    expect(notices.find((n) => n.milestone === 'reminder-7d')).toEqual({
      milestone: 'reminder-7d',
      due: '2027-05-25',
      daysBefore: 7,
      state: 'pending',
    })
  }, 60_000)
})

describe('strata notices: bad input -> one line that says what to fix, exit 2, nothing written', () => {
  test.each([
    [
      'unknown --format',
      ['plan', '--format', 'xml'],
      {},
      /argument 'xml' is invalid\. Allowed choices are text, json\./,
    ],
    [
      'missing data directory',
      ['plan', '--data-dir', '/nonexistent/strata-data'],
      {},
      /^strata notices plan: --data-dir \/nonexistent\/strata-data: no such directory; point it at the app's data directory\.\n$/,
    ],
    [
      'bad --window',
      ['plan', '--window', 'soon'],
      {},
      /^strata notices plan: --window must be a period such as 30d, 12h or 2w, got 'soon'\.\n$/,
    ],
    [
      'missing NOTICES_FROM',
      ['send'],
      { NOTICES_FROM: undefined, SMTP_URL: 'smtp://127.0.0.1:1' },
      /^strata notices send: NOTICES_FROM is not set; set it to the sender, e\.g\. NOTICES_FROM="API team <api@example\.com>"\.\n$/,
    ],
    [
      'missing SMTP_URL',
      ['send'],
      { NOTICES_FROM: FROM, SMTP_URL: undefined },
      /^strata notices send: SMTP_URL is not set; set it to the mail server, e\.g\. SMTP_URL=smtp:\/\/user:password@mail\.example\.com:587\.\n$/,
    ],
    [
      'unreachable database',
      ['plan', '--database-url', 'postgres://strata@127.0.0.1:1/usage'],
      {},
      /^strata notices plan: --database-url: cannot use the database \(.*ECONNREFUSED.*\); check the URL, that PostgreSQL is running and that usage was recorded there\.\n$/,
    ],
  ] as const)(
    '%s',
    async (_name, [command, ...options], env, message) => {
      const rest: readonly string[] = options
      const args = [
        'notices',
        command,
        '--app',
        app,
        ...(rest.includes('--data-dir') || rest.includes('--database-url') ? [] : ['--data-dir', dataDir]),
        ...rest,
      ]
      const before = await strataHere(
        ['notices', 'plan', ...common(), '--now', '2027-05-26T00:00:00Z', '--format', 'json'],
        {},
      )
      const result = await strataHere(args, env)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(message)
      expect(
        result.stderr
          .trim()
          .split('\n')
          .filter((l) => !l.startsWith('(run with --help')),
      ).toHaveLength(1)
      const after = await strataHere(
        ['notices', 'plan', ...common(), '--now', '2027-05-26T00:00:00Z', '--format', 'json'],
        {},
      )
      expect(after.stdout).toBe(before.stdout)
    },
    60_000,
  )
})

describe('strata notices over usage the app recorded itself (calendar app, SQLite)', () => {
  test('acme-sync calls 20230101 through the app -> notices send emails dev@acme.example about the endpoint it called', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'strata-notices-calendar-'))
    try {
      const clock = () => new Date('2026-12-01T09:30:00Z')
      const server = await createCalendarServer({ dataDir: dir, clock, logger: false })
      const res = await server.inject({
        url: '/api/v1/assets',
        headers: { 'cdf-version': '20230101', 'x-client-id': 'acme-sync' },
      })
      expect(res.statusCode).toBe(200)
      await server.close() // flushes the recorded counts
      const result = await strataHere(
        ['notices', 'send', '--app', 'examples/calendar/main.ts', '--data-dir', dir, '--now', '2026-12-01T12:00:00Z'],
        { SMTP_URL: smtp.url, NOTICES_FROM: FROM, NOTICE_CONTACTS: 'acme-sync=dev@acme.example' },
      )
      expect([result.code, result.stderr]).toEqual([0, ''])
      const mail = smtp.received.at(-1)!
      expect(mail.envelopeTo).toEqual(['dev@acme.example'])
      expect(mail.parsed.subject).toBe(
        'Deprecation notice: version 20230101 is deprecated and will be sunset on 2027-11-01',
      )
      expect(mail.parsed.text).toContain(
        'Endpoints you still call (last seen 2026-12-01T09:30:00Z):\n    - GET /api/v1/assets\n',
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
