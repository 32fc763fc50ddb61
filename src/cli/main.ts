import { Command, CommanderError } from 'commander'
import { registerChangelogCommand } from './commands/changelog.ts'
import { registerCheckCommand } from './commands/check.ts'
import { registerClientTypesCommand } from './commands/client-types.ts'
import { registerContractsCommand } from './commands/contracts.ts'
import { registerDiffCommand } from './commands/diff.ts'
import { registerNoticesCommand } from './commands/notices.ts'
import { registerUsageCommand } from './commands/usage.ts'
import { registerValidatorsCommand } from './commands/validators.ts'
import { exitCodes } from './exit-codes.ts'

/** Where the CLI writes; tests and embedders may capture it. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is a terminal that shows colours. */
  color: boolean
}

const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  color: process.stdout.isTTY === true && (process.env.NO_COLOR ?? '') === '',
})

/**
 * Runs the `strata` command line and resolves to its exit code: 0 compatible, 1 breaking changes
 * found, 2 usage or input error.
 *
 * @example
 * process.exitCode = await main(['diff', 'v1.yaml', 'v2.yaml'])
 */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const program = new Command('strata')
    .description('Versioned HTTP/JSON APIs that keep their compatibility promises.')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', exitCodes.help)
  const result = { code: exitCodes.ok }
  registerDiffCommand(program, io, result)
  registerContractsCommand(program, io, result)
  registerCheckCommand(program, io, result)
  registerChangelogCommand(program, io, result)
  registerClientTypesCommand(program, io, result)
  registerValidatorsCommand(program, io, result)
  registerUsageCommand(program, io, result)
  registerNoticesCommand(program, io, result)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through an exit override with code 0.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage
    }
    throw error
  }
  return result.code
}
