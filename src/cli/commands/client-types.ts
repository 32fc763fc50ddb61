import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import { exitCodes } from '../exit-codes.ts'
import type { CliIo } from '../main.ts'
import { runUserCommand } from '../user-error.ts'

interface ClientTypesFlags {
  contracts: string
  out: string
}

/** Adds `strata client-types` to the program; the exit code is written to `result`. */
export function registerClientTypesCommand(program: Command, io: CliIo, result: { code: number }): void {
  program
    .command('client-types')
    .description(
      'Generate TypeScript types of every published version from its contract, for createClient<Versions[version]>() of strata/client.',
    )
    .requiredOption(
      '--contracts <dir>',
      'folder of contracts as `strata contracts` writes them (<scope>/<version>.json)',
    )
    .requiredOption('--out <file>', 'the TypeScript file to write (e.g. src/api-types.ts)')
    .addHelpText('after', exitCodes.help)
    .action(async (flags: ClientTypesFlags) => {
      result.code = await runUserCommand('client-types', io, () => runClientTypes(flags, io))
    })
}

async function runClientTypes(flags: ClientTypesFlags, io: CliIo): Promise<number> {
  // Imported on use: the other commands start without openapi-typescript.
  const { generateClientTypes, readContracts } = await import('../../openapi/client-types/index.ts')
  const contracts = await readContracts(flags.contracts)
  const source = await generateClientTypes(contracts, flags.contracts)
  await mkdir(dirname(flags.out), { recursive: true })
  await writeFile(flags.out, source)
  io.stdout(
    `Wrote the types of ${contracts.length} versions (${contracts.map((c) => c.key).join(', ')}) to ${flags.out}\n`,
  )
  return exitCodes.ok
}
