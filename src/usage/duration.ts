const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/**
 * Parses a look-back period such as `30d`, `12h`, `2w` or `90m` into milliseconds; `undefined` when
 * it is not one (the caller names the fix).
 *
 * @example
 * parseDuration('30d') // 2_592_000_000
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdw])$/.exec(text.trim())
  if (match === null) return undefined
  const amount = Number(match[1])
  return amount > 0 ? amount * UNITS[match[2]!]! : undefined
}
