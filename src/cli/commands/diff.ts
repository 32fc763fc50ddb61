import type { Command } from 'commander'
import { isStrataError } from '../../error/index.ts'
import { type CustomRule, diffOpenApi, type Finding } from '../../openapi/diff/index.ts'
import { isOpenApiInputError, loadOpenApi, type OpenApiDocument } from '../../openapi/load/index.ts'
import { isPolicyConfigError, loadPolicyConfig, type Policy, policyByName } from '../../openapi/policy/index.ts'
import { formatGithub, formatJson, formatMarkdown, formatText } from '../../openapi/report/index.ts'
import { exitCodes } from '../exit-codes.ts'
import { type FindingFlags, findingOptions } from '../finding-options.ts'
import { loadCustomRules } from '../load-rules.ts'
import type { CliIo } from '../main.ts'
import { CliUserError } from '../user-error.ts'

type DiffFlags = FindingFlags

/** Adds `strata diff <old> <new>` to the program; the exit code is written to `result`. */
export function registerDiffCommand(program: Command, io: CliIo, result: { code: number }): void {
  findingOptions(
    program
      .command('diff')
      .description('Compare two OpenAPI 3.0/3.1 documents (JSON or YAML) and classify every change.')
      .argument('<old>', 'the published document (file)')
      .argument('<new>', 'the candidate document (file)'),
  ).action(async (oldFile: string, newFile: string, flags: DiffFlags) => {
    result.code = await runDiff(oldFile, newFile, flags, io)
  })
}

async function runDiff(oldFile: string, newFile: string, flags: DiffFlags, io: CliIo): Promise<number> {
  let findings: Finding[]
  try {
    const rules: CustomRule[] = flags.rules === undefined ? [] : await loadCustomRules(flags.rules)
    let policy: Policy = policyByName(flags.policy)
    if (flags.config !== undefined) policy = loadPolicyConfig(flags.config, policy, new Set(rules.map((r) => r.id)))
    const [oldDoc, newDoc] = await Promise.all([loadOpenApi(oldFile), loadOpenApi(newFile)])
    for (const doc of [oldDoc, newDoc]) io.stderr(documentWarnings(doc))
    findings = diffOpenApi(oldDoc, newDoc, { policy, rules })
  } catch (error) {
    const user = error instanceof CliUserError || isStrataError(error)
    if (user || isOpenApiInputError(error) || isPolicyConfigError(error)) {
      io.stderr(`strata diff: ${error.message}\n`)
      return exitCodes.usage
    }
    throw error
  }
  io.stdout(render(findings, flags, newFile, io))
  const failing = findings.some(
    (f) => f.severity === 'breaking' || (flags.failOn === 'warning' && f.severity === 'warning'),
  )
  return failing ? exitCodes.breaking : exitCodes.ok
}

const shownWarnings = 10

/** A document's faults against the OpenAPI schema, one line each: the comparison went on regardless. */
function documentWarnings(doc: OpenApiDocument): string {
  const lines = doc.warnings
    .slice(0, shownWarnings)
    .map((w) => `strata diff: warning: ${doc.file} at ${w.pointer === '' ? '/' : w.pointer}: ${w.message}\n`)
  const more = doc.warnings.length - shownWarnings
  if (more > 0) lines.push(`strata diff: warning: ${doc.file}: ${more} more faults against the OpenAPI schema\n`)
  return lines.join('')
}

function render(findings: Finding[], flags: DiffFlags, newFile: string, io: CliIo): string {
  switch (flags.format) {
    case 'json':
      return formatJson(findings)
    case 'markdown':
      return formatMarkdown(findings)
    case 'github':
      return formatGithub(findings, newFile)
    default:
      return formatText(findings, { color: io.color, showInfo: flags.info === true })
  }
}
