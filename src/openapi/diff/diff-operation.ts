import type { JsonObject } from '../load/json-pointer.ts'
import { diffRequestBody, diffResponses } from './diff-content.ts'
import { diffParameters, type ParameterSource } from './diff-parameters.ts'
import type { DiffRun } from './diff-run.ts'
import { diffSecurity } from './diff-security.ts'
import { diffOperationServers } from './diff-servers.ts'
import { diffDeprecation, diffStability } from './lifecycle.ts'
import type { SchemaContext } from './schema-context.ts'

/** Both sides of one operation (or webhook) to compare. */
export interface OperationPair {
  readonly path: string
  readonly method: string
  readonly old: ParameterSource
  readonly new: ParameterSource
  /** Webhooks flow the other way: the API sends the request and reads the subscriber's response. */
  readonly webhook: boolean
}

/** The context for findings about an operation as a whole. */
export function operationContext(run: DiffRun, pair: OperationPair): SchemaContext {
  const level = pair.old.operation['x-stability-level']
  const exempt =
    typeof level === 'string' && run.policy.exemptStabilityLevels.includes(level)
      ? `the operation is x-stability-level ${level}`
      : undefined
  return {
    run,
    direction: pair.webhook ? 'response' : 'request',
    site: { path: pair.path, method: pair.method, pointer: pair.new.operationPointer },
    group: undefined,
    label: `\`${pair.method} ${pair.path}\``,
    at: '',
    oldPointer: pair.old.operationPointer,
    newPointer: pair.new.operationPointer,
    exempt,
    skipProperties: false,
    looseTypes: false,
    textWire: false,
  }
}

/** Compares two versions of an operation: lifecycle, security, servers, parameters, request body, responses. */
export function diffOperation(run: DiffRun, pair: OperationPair): void {
  const ctx = operationContext(run, pair)
  const oldOperation: JsonObject = pair.old.operation
  const newOperation: JsonObject = pair.new.operation
  diffDeprecation(ctx, oldOperation, newOperation)
  diffStability(ctx, oldOperation, newOperation)
  if (!pair.webhook) {
    diffSecurity(ctx, oldOperation, newOperation)
    diffOperationServers(ctx, pair)
  }
  diffParameters({ ...ctx, direction: pair.webhook ? 'response' : 'request' }, pair.old, pair.new)
  diffRequestBody(ctx, oldOperation.requestBody, newOperation.requestBody, pair.webhook ? 'response' : 'request')
  diffResponses(ctx, oldOperation.responses, newOperation.responses, pair.webhook ? 'request' : 'response')
}
