/** Version negotiation: sources, defaults and resolution. */
export {
  createNegotiator,
  type DefaultVersion,
  type Negotiated,
  type NegotiationOptions,
  type Negotiator,
  type RequestChannel,
  type VersionProblemCode,
} from './negotiate.ts'
/** The framework-independent view of a request. */
export { type RequestView, splitUrl } from './request-view.ts'
/** Places a requested version is read from. */
export {
  fromHeader,
  fromMediaType,
  fromPath,
  fromPin,
  fromQuery,
  type SourceReading,
  type VersionSource,
} from './source.ts'
