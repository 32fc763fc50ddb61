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
  STRATA_ERR_NEGOTIATE_UNKNOWN_DEFAULT: 'The default version does not exist in the version set.',
  STRATA_ERR_NEGOTIATE_NO_SOURCE: 'Negotiation is configured without any place to read the version from.',
  STRATA_ERR_API_UNKNOWN_SCOPE: 'A route names a version scope the API does not declare.',
} as const

/** A stable identifier of one kind of programmer or configuration error. */
export type StrataErrorCode = keyof typeof strataErrorCodes
