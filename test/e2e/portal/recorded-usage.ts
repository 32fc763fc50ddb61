// TODO(#12): a stand-in for src/usage until the usage branch is merged: the portal tests then read
// the report the runtime's own recorder writes, and this file goes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Api } from 'strata'
import type { UsageReport } from 'strata/portal'

interface _Call {
  readonly principal: string
  readonly version: string
  readonly endpoint: string
  readonly at: Date
}

/**
 * Records each answered request of a calendar server (client from `X-Client-Id`, version from the
 * `Cdf-Version` response header) and reports them in the usage report's shape.
 */
export function recordUsage(api: Api, now: () => Date) {
  const calls: _Call[] = []
  /** Call before the server answers: the version is read from the headers the runtime writes. */
  const record = (request: IncomingMessage, response: ServerResponse): void => {
    const writeHead = response.writeHead.bind(response) as (
      status: number,
      headers?: Record<string, unknown>,
    ) => ServerResponse
    response.writeHead = ((status: number, headers?: Record<string, unknown>) => {
      _record(request, Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'cdf-version')?.[1])
      return writeHead(status, headers)
    }) as typeof response.writeHead
  }
  const _record = (request: IncomingMessage, version: unknown): void => {
    if (typeof version !== 'string' || !(request.url ?? '').startsWith('/api/v1')) return
    const client = request.headers['x-client-id']
    calls.push({
      principal: typeof client === 'string' ? client : 'anonymous',
      version,
      endpoint: `${request.method} ${(request.url ?? '').split('?')[0]}`,
      at: now(),
    })
  }
  const report = async (): Promise<UsageReport> => {
    const set = api.versionsOf()
    const versions = [...new Set(calls.map((c) => c.version))].map((id) => {
      const version = set.find(id)
      const mine = calls.filter((c) => c.version === id)
      const phase = version === undefined ? 'unknown' : set.phase(version, now())
      const principals = [...new Set(mine.map((c) => c.principal))].map((principal) => {
        const theirs = mine.filter((c) => c.principal === principal)
        return {
          principal,
          requests: theirs.length,
          first_seen: theirs[0]!.at.toISOString(),
          last_seen: theirs.at(-1)!.at.toISOString(),
          endpoints: [...new Set(theirs.map((c) => c.endpoint))],
        }
      })
      return {
        scope: null,
        version: id,
        phase,
        deprecated: version?.deprecated?.toISOString() ?? null,
        sunset: version?.sunset?.toISOString() ?? null,
        requests: mine.length,
        traffic: _perMinute(mine),
        principals,
      }
    })
    return { versions }
  }
  return { record, report }
}

function _perMinute(calls: readonly _Call[]): { start: string; requests: number }[] {
  const buckets = new Map<string, number>()
  for (const c of calls) {
    const at = new Date(Math.floor(c.at.getTime() / 60_000) * 60_000).toISOString()
    buckets.set(at, (buckets.get(at) ?? 0) + 1)
  }
  return [...buckets].map(([start, requests]) => ({ start, requests }))
}
