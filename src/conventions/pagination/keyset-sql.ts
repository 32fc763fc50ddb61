import { StrataError } from '../../error/index.ts'
import { HttpProblem } from '../error/index.ts'
import type { KeyValue, PageCursor } from './page-token.ts'

/** One column of a keyset sort; the last column must be unique (e.g. the primary key). */
export interface SortColumn {
  /** A column name, optionally qualified (`clusters.created_at`); it is quoted, never interpolated raw. */
  readonly column: string
  /** Defaults to `asc`. */
  readonly order?: 'asc' | 'desc'
}

/** Options of {@link keysetSql}. */
export interface KeysetSqlOptions {
  /** The sort, most significant column first; every column must be NOT NULL. */
  readonly columns: readonly SortColumn[]
  readonly cursor: PageCursor | undefined
  /** `?` placeholders (SQLite, MySQL) or `$1`, `$2`... (PostgreSQL). */
  readonly placeholder: 'question' | 'dollar'
  /** How many `$n` parameters the surrounding query already uses; defaults to 0. */
  readonly paramOffset?: number
}

/** SQL fragments for one keyset page; splice them into `WHERE ... AND <where> ORDER BY <orderBy> LIMIT n`. */
export interface KeysetSql {
  /** A boolean expression, `1 = 1` on the first page. */
  readonly where: string
  readonly orderBy: string
  /** The values of the placeholders in `where`, in order. */
  readonly params: readonly KeyValue[]
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/

/**
 * Builds the WHERE and ORDER BY fragments of a keyset page: a row-value comparison when all columns
 * sort the same way, the expanded OR form when they do not; a backward cursor reverses the order,
 * so reverse the rows you read (`sliceKeysetPage` does).
 *
 * @example
 * const k = keysetSql({ columns: [{ column: 'created_at' }, { column: 'id' }], cursor, placeholder: 'question' })
 * db.prepare(`SELECT * FROM clusters WHERE org_id = ? AND ${k.where} ORDER BY ${k.orderBy} LIMIT ?`)
 *   .all(orgId, ...k.params, pageSize + 1)
 */
export function keysetSql(options: KeysetSqlOptions): KeysetSql {
  const { columns, cursor } = options
  if (columns.length === 0)
    throw new StrataError(
      'STRATA_ERR_PAGINATION_INVALID_SORT',
      'Keyset pagination needs at least one sort column, ending with a unique one.',
    )
  const quoted = columns.map((c) => _quoteIdentifier(c.column))
  const backward = cursor?.direction === 'before'
  // Reading backward walks the same order in reverse; rows are flipped back after reading.
  const descending = columns.map((c) => (c.order === 'desc') !== backward)
  const orderBy = quoted.map((q, i) => `${q} ${descending[i] ? 'DESC' : 'ASC'}`).join(', ')
  if (cursor === undefined || cursor.keys === null) return { where: '1 = 1', orderBy, params: [] }

  const keys = cursor.keys
  if (keys.length !== columns.length) {
    throw new HttpProblem({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'The page_token no longer matches the sort of this list',
      suggestion: 'Request the list again without page_token to start from the first page',
      fields: [{ field: 'page_token', message: 'no longer matches the sort of this list', reason: 'sort_mismatch' }],
    })
  }
  keys.forEach((key, i) => {
    if (key === null) {
      throw new StrataError(
        'STRATA_ERR_PAGINATION_NULL_SORT_KEY',
        `Sort column ${columns[i]?.column} is NULL in a cursor; keyset sort columns must be NOT NULL.`,
      )
    }
  })

  let next = options.paramOffset ?? 0
  const params: KeyValue[] = []
  const bind = (value: KeyValue) => {
    params.push(value)
    next += 1
    return options.placeholder === 'dollar' ? `$${next}` : '?'
  }
  const op = (i: number) => (descending[i] ? '<' : '>')

  if (descending.every((d) => d === descending[0])) {
    if (quoted.length === 1) return { where: `${quoted[0]} ${op(0)} ${bind(keys[0] ?? null)}`, orderBy, params }
    const tuple = keys.map((key) => bind(key))
    return { where: `(${quoted.join(', ')}) ${op(0)} (${tuple.join(', ')})`, orderBy, params }
  }

  // (a > ?) OR (a = ? AND b < ?) OR ...: one branch per column, equal on all columns before it.
  const branches = quoted.map((column, i) => {
    const equal = quoted.slice(0, i).map((before, j) => `${before} = ${bind(keys[j] ?? null)}`)
    return `(${[...equal, `${column} ${op(i)} ${bind(keys[i] ?? null)}`].join(' AND ')})`
  })
  return { where: `(${branches.join(' OR ')})`, orderBy, params }
}

function _quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new StrataError(
      'STRATA_ERR_PAGINATION_INVALID_SORT',
      `Sort column "${name}" is not a plain SQL identifier; use letters, digits and "_", e.g. "created_at".`,
    )
  }
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.')
}
