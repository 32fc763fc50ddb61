/** The Hono 4 adapter: declared routes served through the runtime on web-standard Request / Response. */

export { type StrataHono, strataHono } from './middleware.ts'
