import { type Command, Option } from 'commander'
import type { CliIo } from '../main.ts'
import { runUserCommand } from '../user-error.ts'
import { runNoticesPlan, runNoticesSend } from './notices-run.ts'

/** The flags both `notices` subcommands take. */
export interface NoticesFlags {
  app: string
  dataDir?: string
  databaseUrl?: string
  window: string
  now?: string
  format: 'text' | 'json'
  dryRun?: boolean
}

const help = `
Exit codes:
  0  done: every due notice delivered (or nothing due)
  1  some notices were not delivered; they stay pending for the next run
  2  usage or input error: bad arguments, missing data directory, unreachable database or SMTP server,
     NOTICES_FROM or SMTP_URL not set`

function _common(command: Command): Command {
  return command
    .requiredOption('--app <module>', 'the app module (exports createServer): lifecycle, reminders and contacts')
    .option('--data-dir <dir>', "the app's data directory, where usage is recorded (usage.sqlite)")
    .option('--database-url <url>', 'PostgreSQL holding usage and the outbox, instead of SQLite under --data-dir')
    .option('--window <period>', 'principals seen within this period count as still calling (30d, 12h, 2w)', '30d')
    .option('--now <instant>', 'plan as of this instant (RFC 3339 or YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', help)
}

/** Adds `strata notices plan` and `strata notices send` to the program; the exit code is written to `result`. */
export function registerNoticesCommand(program: Command, io: CliIo, result: { code: number }): void {
  const notices = program
    .command('notices')
    .description('Tell the principals still calling deprecated versions: plan the notices due, and send them by email.')
  _common(
    notices
      .command('plan')
      .description(
        'List, per principal still calling a deprecated version, its notices: sent, pending, unknown, upcoming.',
      ),
  ).action(async (flags: NoticesFlags) => {
    result.code = await runUserCommand('notices plan', io, () => runNoticesPlan(flags, io))
  })
  _common(
    notices
      .command('send')
      .description('Email each principal its due notices (SMTP_URL, sender NOTICES_FROM) through the outbox.')
      .option('--dry-run', 'print what would be sent; write and send nothing'),
  ).action(async (flags: NoticesFlags) => {
    result.code = await runUserCommand('notices send', io, () => runNoticesSend(flags, io))
  })
}
