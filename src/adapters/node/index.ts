/** The node:http adapter: a request listener serving declared routes through the runtime. */

export { createStrataServer, type StrataListener, type StrataListenerOptions, strataListener } from './listener.ts'
/** Graceful shutdown on SIGTERM/SIGINT: drain, close, run hooks, exit. */
export { handleShutdown, type Shutdown, type ShutdownOptions } from './shutdown.ts'
