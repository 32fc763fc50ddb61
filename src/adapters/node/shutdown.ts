import type { Server } from 'node:http'

/** Options of {@link handleShutdown}. */
export interface ShutdownOptions {
  /** The listening server: it stops accepting at once and its in-flight requests are awaited. */
  readonly server: Server
  /** Closes the application after the server drained (Fastify's `app.close()`, a store's `close()`). */
  readonly close?: () => unknown
  /** How long in-flight requests may take to finish before their connections are cut; defaults to 10 000 ms. */
  readonly deadlineMs?: number
  /** Defaults to SIGTERM and SIGINT; a second signal exits at once with 1. */
  readonly signals?: readonly NodeJS.Signals[]
  /** Where progress lines go; defaults to stderr. */
  readonly log?: (line: string) => void
  /** Defaults to `process.exit`. */
  readonly exit?: (code: number) => void
}

/** A shutdown in waiting: hooks to run, and a way to start it without a signal. */
export interface Shutdown {
  /** Adds a hook run after the server drained and the application closed (flush buffers, close clients), in order. */
  onShutdown(hook: () => unknown): void
  /** Drains, closes, runs the hooks and resolves with the exit code (0, or 1 when a step failed); does not exit. */
  shutdown(reason?: string): Promise<number>
}

/**
 * Shuts a server down gracefully on SIGTERM/SIGINT: stop accepting, let in-flight requests finish
 * (up to `deadlineMs`, then cut them), close the application, run the `onShutdown` hooks, exit 0.
 *
 * @example
 * const shutdown = handleShutdown({ server: app.server, close: () => app.close() })
 * shutdown.onShutdown(() => usage.flush())
 */
export function handleShutdown(options: ShutdownOptions): Shutdown {
  const { server } = options
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const exit = options.exit ?? ((code: number) => process.exit(code))
  const hooks: (() => unknown)[] = []
  const inFlight = _countInFlight(server)
  let running: Promise<number> | undefined

  const shutdown = (reason = 'shutdown requested'): Promise<number> => {
    running ??= _drainAndClose(server, inFlight, options.deadlineMs ?? 10_000, log, reason).then(async () => {
      let failed = false
      for (const step of [...(options.close ? [options.close] : []), ...hooks]) {
        try {
          await step()
        } catch (error) {
          failed = true
          log(`shutdown: a closing step failed: ${(error as Error).message}`)
        }
      }
      return failed ? 1 : 0
    })
    return running
  }
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => {
      if (running !== undefined) {
        log(`shutdown: ${signal} again; exiting now`)
        exit(1)
        return
      }
      shutdown(signal).then(exit)
    })
  }
  return { onShutdown: (hook) => void hooks.push(hook), shutdown }
}

function _countInFlight(server: Server): { count: number; closing: boolean } {
  const state = { count: 0, closing: false }
  server.on('request', (_request, response) => {
    state.count++
    // Answers given while draining close their connection, so keep-alive clients move on.
    if (state.closing && !response.headersSent) response.setHeader('connection', 'close')
    response.once('close', () => state.count--)
  })
  return state
}

async function _drainAndClose(
  server: Server,
  inFlight: { count: number; closing: boolean },
  deadlineMs: number,
  log: (line: string) => void,
  reason: string,
): Promise<void> {
  inFlight.closing = true
  log(`shutdown: ${reason}; no new connections, ${inFlight.count} request(s) in flight`)
  const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()))
  const deadline = Date.now() + deadlineMs
  while (inFlight.count > 0 && Date.now() < deadline) {
    server.closeIdleConnections()
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const cut = inFlight.count
  if (cut > 0) log(`shutdown: ${cut} request(s) still running after ${deadlineMs} ms; closing their connections`)
  server.closeAllConnections()
  await closed
}
