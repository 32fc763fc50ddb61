import { countBySeverity, type Finding, type FindingLocation } from '../diff/finding.ts'

/** A one-line summary of findings, e.g. "2 breaking, 1 warning, 5 info". */
export function summarize(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings)
  return `${counts.breaking} breaking, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info`
}

/** Names an operation location, e.g. "GET /pets/{id}", or the pointer when there is no operation. */
export function placeOf(location: FindingLocation): string {
  if (location.method === undefined || location.path === undefined) return location.pointer
  return `${location.method} ${location.path}`
}

/** The distinct operations a shared finding is used in, at most `limit` named and the rest counted. */
export function usedInText(finding: Finding, limit = 3): string | undefined {
  if (finding.usedIn === undefined || finding.usedIn.length <= 1) return undefined
  const places = [...new Set(finding.usedIn.map(placeOf))]
  if (places.length <= 1) return undefined
  const shown = places.slice(0, limit).join(', ')
  return places.length > limit ? `${shown} and ${places.length - limit} more` : shown
}
