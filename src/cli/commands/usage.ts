import { type Command, Option } from 'commander'
import type { Api } from '../../api/index.ts'
import { exitCodes } from '../exit-codes.ts'
import type { CliIo } from '../main.ts'
import { CliUserError, parseNow, runUserCommand } from '../user-error.ts'

interface UsageFlags {
  dataDir?: string
  databaseUrl?: string
  since: string
  format: 'text' | 'json' | 'markdown' | 'csv'
  app?: string
  now?: string
}

/** Adds `strata usage` to the program; the exit code is written to `result`. */
export function registerUsageCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command('usage')
    .description(
      'Report who calls which version: traffic per version over time and, for each deprecated or sunsetting version, the principals still calling it.',
    )
    .option('--data-dir <dir>', "the API's data directory (its DATA_DIR), holding usage.sqlite")
    .option('--database-url <url>', 'a postgres:// URL, when the API keeps usage in PostgreSQL')
    .option('--since <period>', 'how far back: a number and m, h, d or w (e.g. 30d, 12h)', '30d')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'csv']).default('text'),
    )
    .option('--app <file>', "app module exporting createServer({ dataDir }), for each version's phase and sunset")
    .option('--now <time>', 'report time (RFC 3339); default now')
    .addHelpText(
      'after',
      `
Exit codes:
  0  report written
  2  usage or input error: bad --format or --since, no data directory, unreachable database`,
    )
    .action(async (flags: UsageFlags) => {
      result.code = await runUserCommand('usage', io, () => runUsage(flags, io))
    })
}

async function runUsage(flags: UsageFlags, io: CliIo): Promise<number> {
  const now = parseNow(flags.now)
  const { formatUsageReport, openUsageStore, parseDuration, usageReport } = await import('../../usage/index.ts')
  const period = parseDuration(flags.since)
  if (period === undefined) {
    throw new CliUserError(`--since must be a number and m, h, d or w, such as 30d or 12h; got '${flags.since}'.`)
  }
  if (flags.dataDir === undefined && flags.databaseUrl === undefined) {
    throw new CliUserError("pass --data-dir <dir> (the API's DATA_DIR) or --database-url <postgres://...>.")
  }
  let api: Api | undefined
  if (flags.app !== undefined) {
    const { loadAppContractSource } = await import('../load-app.ts')
    api = (await loadAppContractSource(flags.app, now)).api
  }
  let store: Awaited<ReturnType<typeof openUsageStore>>
  try {
    store = await openUsageStore({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl, create: false })
  } catch (error) {
    throw new CliUserError(_unreachable(flags, error))
  }
  try {
    const report = await usageReport(store, {
      ...(api !== undefined ? { api } : {}),
      now,
      since: new Date(now.getTime() - period),
    })
    // Printed in one write once the whole report is built: a failure leaves nothing half-written.
    io.stdout(formatUsageReport(report, flags.format))
  } finally {
    await store.close()
  }
  return exitCodes.ok
}

function _unreachable(flags: UsageFlags, error: unknown): string {
  const reason = (error as Error).message.split('\n')[0]
  if (flags.databaseUrl !== undefined) {
    return `cannot read usage from the database at --database-url (${reason}); check the URL and that PostgreSQL is running.`
  }
  return reason?.startsWith('No usage data')
    ? reason
    : `cannot read usage from ${flags.dataDir} (${reason}); point --data-dir at the API's data directory.`
}
