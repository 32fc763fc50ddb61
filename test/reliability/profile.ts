/**
 * The reliability suite's two profiles: a short one for every `npm test` (CI: about three minutes on
 * two cores for the whole suite) and a heavier one with `STRATA_RELIABILITY=full`.
 */
export const fullProfile = process.env.STRATA_RELIABILITY === 'full'

/** Seconds of load per measured run, and the warm-up before the first. */
export const loadSeconds = fullProfile ? 20 : 4
// Long enough for V8 to grow its heap to the working set: memory is compared from the first run after it.
export const warmupSeconds = fullProfile ? 10 : 8
/** Concurrent connections a load run keeps busy. */
export const loadConnections = fullProfile ? 32 : 8
/** Concurrent writers in the shutdown and crash tests, and how long they write before the signal. */
export const writers = fullProfile ? 16 : 6
export const writeMillis = fullProfile ? 5000 : 1200
