import type { PageRequest } from './page-request.ts'
import type { KeyValue, PageCursor } from './page-token.ts'

/** One page of rows, in list order, with the cursors of its neighbours. */
export interface KeysetPage<Row> {
  readonly items: Row[]
  /** The cursor of the next page; absent on the last page. */
  readonly next?: PageCursor
  /** The cursor of the previous page; absent on the first page. */
  readonly prev?: PageCursor
}

/**
 * Turns the rows of a keyset query (read with `LIMIT pageSize + 1`) into a page: drops the probe
 * row, restores list order after a backward read, and computes the next and previous cursors.
 *
 * @example
 * const page = sliceKeysetPage(rows, request, (row) => [row.created_at, row.id])
 */
export function sliceKeysetPage<Row>(
  rows: readonly Row[],
  request: PageRequest,
  keyOf: (row: Row) => readonly KeyValue[],
): KeysetPage<Row> {
  const more = rows.length > request.pageSize
  const cursor = request.cursor
  const items = rows.slice(0, request.pageSize)
  const backward = cursor?.direction === 'before'
  if (backward) items.reverse()
  const first = items[0]
  const last = items.at(-1)
  if (first === undefined || last === undefined) return { items }

  const after: PageCursor = { direction: 'after', keys: keyOf(last) }
  const before: PageCursor = { direction: 'before', keys: keyOf(first) }
  if (!backward) {
    return { items, ...(more ? { next: after } : {}), ...(cursor !== undefined ? { prev: before } : {}) }
  }
  // Backward from an explicit position: that position had rows after it. From the end (keys null): none.
  const hasNext = cursor.keys !== null
  return { items, ...(hasNext ? { next: after } : {}), ...(more ? { prev: before } : {}) }
}
