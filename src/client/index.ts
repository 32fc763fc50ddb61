/** Creating a client, and its options, responses and typed path maps. */

/** Errors: one class per kind on a shared base, each with its guard. */
export { ApiError, isApiError } from './api-error.ts'
export type { AuthOptions } from './auth.ts'
export type { Client } from './client.ts'
export { ClientError, isClientError } from './client-error.ts'
export type {
  ClientOptions,
  ClientResponse,
  PageOptions,
  PaginateOptions,
  RequestOptions,
  UpdateOptions,
} from './client-options.ts'
export { ClientOptionsError, isClientOptionsError } from './client-options-error.ts'
export { createClient } from './create-client.ts'
/** Deprecation notices, pages and links. */
export type { DeprecationNotice } from './deprecation.ts'
export { DeprecationError, isDeprecationError } from './deprecation-error.ts'
export { parseLinkHeader } from './link-header.ts'
export { isNetworkError, NetworkError } from './network-error.ts'
export type { OAuth2ClientCredentials } from './oauth2.ts'
export type { NextPage, Page } from './pagination.ts'
export type { RetryOptions } from './retry.ts'
export { isTimeoutError, TimeoutError } from './timeout-error.ts'
export type { ChangesOf, HttpMethod, ItemOf, OpenEnum, UntypedPaths } from './typed-paths.ts'
/** Where the version goes, authentication and retries. */
export type { VersionPlacement } from './version-placement.ts'
