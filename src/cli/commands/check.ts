import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { loadPolicyConfig, type Policy, policyByName } from '../../openapi/policy/index.ts'
import { exitCodes } from '../exit-codes.ts'
import { type FindingFlags, findingOptions } from '../finding-options.ts'
import { loadAppContractSource } from '../load-app.ts'
import { loadCustomRules } from '../load-rules.ts'
import type { CliIo } from '../main.ts'
import { CliUserError, parseNow, runUserCommand } from '../user-error.ts'
import { appOptions } from './contracts.ts'

interface CheckFlags extends FindingFlags {
  app: string
  contracts: string
  now?: string
}

/** Adds `strata check` to the program; the exit code is written to `result`. */
export function registerCheckCommand(program: Command, io: CliIo, result: { code: number }): void {
  findingOptions(
    appOptions(
      program
        .command('check')
        .description(
          'Regenerate every published contract and compare it with the committed snapshots: limited, GA and deprecated versions (beta channel included) may only change compatibly, early access and preview ones freely, and a version may disappear only after its sunset.',
        ),
    ).option('--contracts <dir>', 'folder of committed snapshots (as written by strata contracts)', 'contracts'),
  ).action(async (flags: CheckFlags) => {
    result.code = await runUserCommand('check', io, () => runCheck(flags, io))
  })
}

/** The OpenAPI line the snapshots were written in, so regenerated contracts compare like for like. */
function snapshotLine(dir: string): '3.0' | '3.1' {
  for (const scope of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const file = readdirSync(join(dir, scope.name)).find((f) => f.endsWith('.json'))
    if (file === undefined) continue
    const text = readFileSync(join(dir, scope.name, file), 'utf8')
    return /"openapi"\s*:\s*"3\.0/.test(text) ? '3.0' : '3.1'
  }
  return '3.1'
}

async function runCheck(flags: CheckFlags, io: CliIo): Promise<number> {
  const now = parseNow(flags.now)
  const rules = flags.rules === undefined ? [] : await loadCustomRules(flags.rules)
  let policy: Policy = policyByName(flags.policy)
  if (flags.config !== undefined) policy = loadPolicyConfig(flags.config, policy, new Set(rules.map((r) => r.id)))
  const source = await loadAppContractSource(flags.app, now)
  if (!existsSync(flags.contracts)) {
    throw new CliUserError(
      `--contracts ${flags.contracts}: folder not found; write the snapshots first with strata contracts --app ${flags.app} --out ${flags.contracts}.`,
    )
  }
  // Imported on use: `strata diff` starts without the contract generator.
  const { checkContracts, checkFailed, formatCheck, generateContracts } = await import(
    '../../openapi/contract/index.ts'
  )
  const contracts = generateContracts(source, { now, openapi: snapshotLine(flags.contracts) })
  const checks = await checkContracts(source.api, contracts, flags.contracts, {
    now,
    policy,
    rules,
    failOn: flags.failOn,
  })
  io.stdout(
    formatCheck(checks, flags.format, {
      color: io.color,
      showInfo: flags.info === true,
      contractsDir: flags.contracts,
    }),
  )
  return checkFailed(checks) ? exitCodes.breaking : exitCodes.ok
}
