import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type Command, Option } from 'commander'
import { exitCodes } from '../exit-codes.ts'
import { loadAppContractSource } from '../load-app.ts'
import type { CliIo } from '../main.ts'
import { parseNow, runUserCommand } from '../user-error.ts'

interface ContractsFlags {
  app: string
  out: string
  now?: string
  openapi: '3.1' | '3.0'
}

/**
 * Adds the `--app` and `--now` options that every command reading an app shares.
 *
 * @example
 * appOptions(program.command('check'))
 */
export function appOptions(command: Command): Command {
  return command
    .requiredOption(
      '--app <file>',
      'app module (TypeScript or JavaScript) exporting createServer({ dataDir }) that returns a Fastify app with the strata plugin',
    )
    .option(
      '--now <time>',
      'the instant lifecycle phases are read at (RFC 3339, e.g. 2026-12-01T00:00:00Z); default now',
    )
}

/** Adds `strata contracts` to the program; the exit code is written to `result`. */
export function registerContractsCommand(program: Command, io: CliIo, result: { code: number }): void {
  appOptions(
    program
      .command('contracts')
      .description('Write the OpenAPI contract of every published version to <out>/<scope>/<version>.json.'),
  )
    .option('--out <dir>', 'folder to write the contracts into', 'contracts')
    .addOption(
      new Option('--openapi <version>', 'OpenAPI version of the output').choices(['3.1', '3.0']).default('3.1'),
    )
    .addHelpText('after', exitCodes.help)
    .action(async (flags: ContractsFlags) => {
      result.code = await runUserCommand('contracts', io, () => runContracts(flags, io))
    })
}

async function runContracts(flags: ContractsFlags, io: CliIo): Promise<number> {
  const now = parseNow(flags.now)
  const source = await loadAppContractSource(flags.app, now)
  // Imported on use: `strata diff` starts without the contract generator.
  const { generateContracts, scopeFolder, stringifyContract } = await import('../../openapi/contract/index.ts')
  const contracts = generateContracts(source, { now, openapi: flags.openapi })
  for (const contract of contracts) {
    const file = join(flags.out, scopeFolder(contract.scope), `${contract.label}.json`)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, stringifyContract(contract.document))
    io.stdout(`wrote ${file} (${contract.phase})\n`)
  }
  if (contracts.length === 0) io.stdout('No published versions: nothing written.\n')
  return exitCodes.ok
}
