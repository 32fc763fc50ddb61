import { afterAll, beforeAll, expect, test } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { openUsageStore, type UsageRow } from '../../src/usage/index.ts'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink.ts'
import { describeWithPostgres } from '../services/postgres.ts'

// Calendar example: 20230101 is deprecated 2026-11-01 and sunset 2027-11-01 (12-month policy).
const NOW = '2026-12-01T00:00:00Z'

async function strata(args: string[], env: Record<string, string>) {
  let stdout = ''
  let stderr = ''
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    const io = {
      stdout: (t: string) => {
        stdout += t
      },
      stderr: (t: string) => {
        stderr += t
      },
      color: false,
    }
    return { code: await main(args, io), stdout, stderr }
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

const row = (client: string, endpoint: string): UsageRow => ({
  minute: '2026-11-28T08:15:00Z',
  scope: '',
  version: '20230101',
  channel: 'stable',
  endpoint,
  client,
  status_class: '2xx',
  requests: 3,
})

describeWithPostgres('strata notices with --database-url (calendar app, static contacts)', (postgres) => {
  let smtp: SmtpSink
  let databaseUrl: string
  beforeAll(async () => {
    databaseUrl = await postgres().createDatabase('notices')
    const store = await openUsageStore({ databaseUrl })
    await store.add([row('acme-sync', 'GET /assets/:id'), row('acme-sync', 'GET /assets'), row('curl', 'GET /assets')])
    await store.close()
    smtp = await startSmtpSink()
  })
  afterAll(async () => smtp?.stop())

  test('send twice -> the client listed in NOTICE_CONTACTS gets one email (outbox in PostgreSQL), curl is reported without contact', async () => {
    const args = ['notices', 'send', '--app', 'examples/calendar/main.ts', '--database-url', databaseUrl, '--now', NOW]
    const env = { SMTP_URL: smtp.url, NOTICES_FROM: 'api@example.com', NOTICE_CONTACTS: 'acme-sync=dev@acme.example' }
    const first = await strata(args, env)
    expect([first.code, first.stderr]).toEqual([0, ''])
    expect(first.stdout).toContain('no contact: curl')
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.envelopeTo).toEqual(['dev@acme.example'])
    expect(mail.parsed.subject).toBe(
      'Deprecation notice: version 20230101 is deprecated and will be sunset on 2027-11-01',
    )
    expect(mail.parsed.messageId).toMatch(/^<notice\.[0-9a-f]{32}@example\.com>$/)
    const text = mail.parsed.text ?? ''
    expect(text).toContain('    - GET /assets/:id\n')
    expect(text).toContain('    - GET /assets\n')
    expect(text).toContain('Move to: version 20240601')
    expect(text).toContain('What changed between 20230101 and 20240601:')
    expect(text).toContain('    20230201: Create answers 201')
    expect(text).toContain('    20240601: Asset `name` is renamed to `title`')
    expect(text).not.toContain('20230203-beta')
    expect(text).toContain('Migration guide: https://docs.example.com/api/versions/20240601')
    expect(String(mail.parsed.html)).toContain('<h3>20240601</h3>')

    const again = await strata(args, env)
    expect([again.code, again.stdout]).toEqual([
      0,
      'no contact: curl (the contact resolver knows no address)\n0 sent, 0 not delivered, 1 without contact\n',
    ])
    expect(smtp.received).toHaveLength(1)

    const plan = await strata(
      ['notices', 'plan', '--app', 'examples/calendar/main.ts', '--database-url', databaseUrl, '--now', NOW],
      env,
    )
    expect(plan.stdout).toContain('acme-sync <dev@acme.example>')
    expect(plan.stdout).toContain(
      `deprecation    due 2026-11-01  sent  (${mail.parsed.messageId}; sent 2026-12-01T00:00:00.000Z; 1 attempt)`,
    )
    expect(plan.stdout).toContain('curl <no contact>')
  }, 120_000)
})
