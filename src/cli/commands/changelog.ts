import { writeFile } from 'node:fs/promises'
import { type Command, Option } from 'commander'
import { loadPolicyConfig, type Policy, policyByName, policyPresets } from '../../openapi/policy/index.ts'
import { exitCodes } from '../exit-codes.ts'
import { loadAppContractSource } from '../load-app.ts'
import type { CliIo } from '../main.ts'
import { parseNow, runUserCommand } from '../user-error.ts'
import { appOptions } from './contracts.ts'

interface ChangelogFlags {
  app: string
  now?: string
  format: 'markdown' | 'json'
  policy: string
  config?: string
  out?: string
}

/** Adds `strata changelog` to the program; the exit code is written to `result`. */
export function registerChangelogCommand(program: Command, io: CliIo, result: { code: number }): void {
  appOptions(
    program
      .command('changelog')
      .description(
        "Write the customer-facing changelog of every released version: the ledger's descriptions plus the checker's findings between adjacent versions.",
      ),
  )
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .addOption(
      new Option('--policy <name>', 'named policy preset').choices([...policyPresets.keys()]).default('strict'),
    )
    .option('--config <file>', 'JSON file overriding severities per rule id')
    .option('--out <file>', 'write to a file instead of stdout')
    .addHelpText('after', exitCodes.help)
    .action(async (flags: ChangelogFlags) => {
      result.code = await runUserCommand('changelog', io, () => runChangelog(flags, io))
    })
}

async function runChangelog(flags: ChangelogFlags, io: CliIo): Promise<number> {
  const now = parseNow(flags.now)
  let policy: Policy = policyByName(flags.policy)
  if (flags.config !== undefined) policy = loadPolicyConfig(flags.config, policy)
  const source = await loadAppContractSource(flags.app, now)
  // Imported on use: `strata diff` starts without the contract generator.
  const { buildChangelog, formatChangelogJson, formatChangelogMarkdown } = await import(
    '../../openapi/contract/index.ts'
  )
  const entries = buildChangelog(source, { now, policy })
  const text = flags.format === 'json' ? formatChangelogJson(entries) : formatChangelogMarkdown(entries)
  if (flags.out === undefined) io.stdout(text)
  else {
    await writeFile(flags.out, text)
    io.stdout(`wrote ${flags.out}\n`)
  }
  return exitCodes.ok
}
