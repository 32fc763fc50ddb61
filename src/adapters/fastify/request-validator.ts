// Moved to src/runtime/validate.ts; kept for one commit while test/reference is re-pointed.
export {
  createVersionValidators,
  fieldIssues,
  MAX_LISTED_FIELDS,
  type VersionValidators,
} from '../../runtime/validate.ts'
