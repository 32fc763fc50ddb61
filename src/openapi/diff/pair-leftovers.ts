/**
 * Pairs the elements left without a counterpart on each side (a renamed property shows as an old
 * name and a new one), one to one: an old and a new element pair up when `match` accepts them and
 * neither has another candidate on the other side. Ambiguous elements stay unpaired.
 *
 * @example
 * pairUnambiguous(['a', 'b'], ['c'], (o, n) => o === 'a') // Map { 'a' => 'c' }
 */
export function pairUnambiguous<O, N>(
  olds: Iterable<O>,
  news: Iterable<N>,
  match: (oldElement: O, newElement: N) => boolean,
): Map<O, N> {
  const newList = [...news]
  const candidates = new Map<O, N[]>()
  const counts = new Map<N, number>()
  if (newList.length > 0) {
    for (const oldElement of olds) {
      const found = newList.filter((newElement) => match(oldElement, newElement))
      candidates.set(oldElement, found)
      for (const newElement of found) counts.set(newElement, (counts.get(newElement) ?? 0) + 1)
    }
  }
  const pairs = new Map<O, N>()
  for (const [oldElement, found] of candidates) {
    const [only] = found
    if (found.length === 1 && counts.get(only!) === 1) pairs.set(oldElement, only!)
  }
  return pairs
}
