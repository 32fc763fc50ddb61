/**
 * The catalogue of every programmer and configuration error code Strata throws, each with a
 * one-line summary. Codes are never reused once retired; each one is documented in `docs/errors.md`.
 */
export const strataErrorCodes = {
  STRATA_ERR_VERSION_INVALID_ID: 'A version id does not match the scheme of its version set.',
  STRATA_ERR_VERSION_DUPLICATE: 'The same version is declared twice in one scope.',
  STRATA_ERR_VERSION_UNORDERED: 'Versions are not declared oldest first.',
  STRATA_ERR_VERSION_EMPTY: 'A version set declares no versions.',
  STRATA_ERR_VERSION_INVALID_DATE: 'A lifecycle date is not a valid calendar date.',
  STRATA_ERR_LIFECYCLE_SUNSET_WITHOUT_DEPRECATION: 'A version has a sunset date but no deprecation date.',
  STRATA_ERR_LIFECYCLE_SUNSET_BEFORE_DEPRECATION: 'A version is sunset before it is deprecated.',
  STRATA_ERR_LIFECYCLE_DEPRECATED_BEFORE_RELEASE: 'A version is deprecated before it is released.',
  STRATA_ERR_LIFECYCLE_NOTICE_TOO_SHORT: "A deprecation gives less notice than the policy's minimum.",
  STRATA_ERR_LIFECYCLE_INVALID_POLICY: 'A notice policy is malformed.',
  STRATA_ERR_LIFECYCLE_GA_BEFORE_RELEASE: 'A pre-GA version reaches GA before it is released.',
  STRATA_ERR_LIFECYCLE_LEGACY_PATH_INVALID:
    'A legacy path form is not anchored, or its replacement would not join the path.',
  STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT: 'The default version does not exist in the version set.',
  STRATA_ERR_NEGOTIATE_NO_SOURCE: 'Negotiation is configured without any place to read the version from.',
  STRATA_ERR_API_UNKNOWN_SCOPE: 'A route names a version scope the API does not declare.',
  STRATA_ERR_API_LEGACY_PATHS_NOT_WIRED: 'The API declares legacy path forms but the server does not rewrite them.',
  STRATA_ERR_SCHEMA_UNSUPPORTED: 'A head schema is neither zod 4, TypeBox nor a JSON Schema object.',
  STRATA_ERR_SCHEMA_INVALID_NAME: 'A schema name holds characters a name may not hold.',
  STRATA_ERR_CHANGE_UNKNOWN_SCHEMA: 'A change names a schema that no route uses.',
  STRATA_ERR_CHANGE_UNKNOWN_FIELD: 'A change names a field the schema does not have at that version.',
  STRATA_ERR_CHANGE_FIELD_EXISTS: 'A change adds or renames to a field name the older version already has.',
  STRATA_ERR_CHANGE_CONFLICT: 'Two instructions of one version contradict each other.',
  STRATA_ERR_CHANGE_UNKNOWN_ENDPOINT: 'A change names an endpoint that no route serves.',
  STRATA_ERR_CHANGE_DUPLICATE: 'The same change (or change name) appears twice in the ledger.',
  STRATA_ERR_CHANGE_NOT_IN_LEDGER: 'A handler asks about a change that no version introduces.',
  STRATA_ERR_CHANGE_INVALID_ENUM: 'An enum instruction does not fit the field it names.',
  STRATA_ERR_ROUTE_INVALID: 'A declared route is malformed (a path without a leading slash, a duplicate route).',
  STRATA_ERR_CHANGE_AMBIGUOUS_UNION:
    'Two branches of an anyOf / oneOf migrate differently and cannot be told apart by JSON type or a const property.',
  STRATA_ERR_CHANGE_UNFOLLOWED_POSITION:
    'A changed schema sits under a keyword the migration engine does not follow (not, if/then/else, contains, ...).',
  STRATA_ERR_CONTRACT_NO_PLUGIN: 'Contracts are read from an app that has no Strata plugin registered on it.',
  STRATA_ERR_CONVENTIONS_ORDER: 'The conventions plugin is registered after the strata plugin.',
  STRATA_ERR_NOTICES_INVALID_REMINDER: 'A notice reminder is not a whole number of days above 0, or is listed twice.',
  STRATA_ERR_NOTICES_REMINDER_BEYOND_NOTICE:
    "A notice reminder comes earlier before sunset than the scope's notice policy guarantees.",
  STRATA_ERR_USAGE_NO_DATABASE: 'Usage recording or a usage report has no database to use.',
  STRATA_ERR_USAGE_INVALID_OPTION: 'An option of usage recording (key cap, flush interval, retention) is out of range.',
  STRATA_ERR_CLIENT_INVALID_OPTION:
    'An option of createClient or of one client request is malformed (thrown by strata/client as ClientOptionsError).',
} as const

/** A stable identifier of one kind of programmer or configuration error. */
export type StrataErrorCode = keyof typeof strataErrorCodes
