/** The Express 5 adapter: declared routes served through the runtime. */

export { type StrataExpress, strataExpress } from './middleware.ts'
