import { type Command, Option } from 'commander'
import { policyPresets } from '../openapi/policy/index.ts'
import { exitCodes } from './exit-codes.ts'

/** The flags every command that reports compatibility findings shares. */
export interface FindingFlags {
  format: 'text' | 'markdown' | 'json' | 'github'
  policy: string
  config?: string
  rules?: string
  failOn: 'breaking' | 'warning'
  info?: boolean
}

/**
 * Adds the options of commands that report findings (`diff`, `check`): output format, policy,
 * severity overrides, the failing severity and info output, plus the exit codes in `--help`.
 *
 * @example
 * findingOptions(program.command('diff').argument('<old>').argument('<new>'))
 */
export function findingOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'markdown', 'json', 'github']).default('text'),
    )
    .addOption(
      new Option('--policy <name>', 'named policy preset').choices([...policyPresets.keys()]).default('strict'),
    )
    .option('--config <file>', 'JSON file overriding severities per rule id ({ "rules": { "<id>": "warning" } })')
    .option('--rules <module>', 'module exporting `rules`, an array of custom rules (defineRule with a check)')
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity that fails (exit 1)')
        .choices(['breaking', 'warning'])
        .default('breaking'),
    )
    .option('--info', 'also list info findings in text output')
    .addHelpText('after', exitCodes.help)
}
