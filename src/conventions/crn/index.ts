/** Confluent Resource Names: build, parse and walk `crn://authority/type=id/...` chains. */
export {
  type BuildCrnOptions,
  buildCrn,
  CONFLUENT_CLOUD_AUTHORITY,
  type Crn,
  type CrnSegment,
  childCrn,
  crnId,
  escapeCrnId,
  formatCrn,
  parentCrn,
} from './crn.ts'
/** Parse failures as data (`safeParseCrn`) or as a typed error (`parseCrn`). */
export { type CrnIssue, type CrnIssueCode, CrnParseError, isCrnParseError } from './crn-parse-error.ts'
export { type CrnParseResult, MAX_CRN_LENGTH, parseCrn, safeParseCrn } from './parse.ts'
