import fc from 'fast-check'
import { describe, test } from 'vitest'
import { runs, timeoutFor } from './case.ts'
import { acceptanceProperty, requestProperty, responseProperty, servingProperty } from './properties.ts'

// Random heads (every subschema position) and ledgers (every field instruction kind): the compiled engine
// must agree with the reference interpreter at every version, both directions. CI runs `runs(n)` cases
// each; `STRATA_PROPERTY_RUNS=2000 npx vitest run test/reference` runs more.

describe('compiled plans against the reference interpreter', () => {
  test(
    'response migration: any ledger, a head value sent to every older version -> the reference value',
    () => {
      fc.assert(responseProperty(), { numRuns: runs(300) })
    },
    timeoutFor(300),
  )

  test(
    'request migration: any ledger, a value valid at an older version -> the reference head value',
    () => {
      fc.assert(requestProperty(), { numRuns: runs(300) })
    },
    timeoutFor(300),
  )

  test(
    'request validation: any ledger, valid and broken values at an older version -> accepted exactly when the reference schema accepts',
    () => {
      fc.assert(acceptanceProperty(), { numRuns: runs(250) })
    },
    timeoutFor(250),
  )

  test(
    'request serving: a value valid at an older version, validated then migrated -> the reference head value',
    () => {
      fc.assert(servingProperty(), { numRuns: runs(200) })
    },
    timeoutFor(200),
  )
})
