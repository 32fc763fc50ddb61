/** The node:http adapter: a request listener serving declared routes through the runtime. */

export { createStrataServer, type StrataListener, type StrataListenerOptions, strataListener } from './listener.ts'
