const kHtml = Symbol('strata.html')

/** Markup that is already safe to write into a page (built by {@link html} or {@link raw}). */
export interface SafeHtml {
  readonly [kHtml]: true
  readonly text: string
}

const _entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Escapes text for HTML content and attribute values (quoted with either quote).
 *
 * @example
 * escapeHtml('<b>"x"</b>') // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => _entities[c] ?? c)

/**
 * Marks trusted markup as safe; never pass it text that came from a definition or a request.
 *
 * @example
 * raw('<br>')
 */
export const raw = (text: string): SafeHtml => ({ [kHtml]: true, text })

const _isSafe = (value: unknown): value is SafeHtml =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[kHtml] === true

function _piece(value: unknown): string {
  if (value === undefined || value === null || value === false) return ''
  if (Array.isArray(value)) return value.map(_piece).join('')
  if (_isSafe(value)) return value.text
  return escapeHtml(String(value))
}

/**
 * A template tag that escapes every interpolated value unless it is itself {@link SafeHtml};
 * arrays are joined, `undefined`, `null` and `false` write nothing.
 *
 * @example
 * html`<h1>${title}</h1><ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? ''
  for (const [i, value] of values.entries()) out += _piece(value) + (strings[i + 1] ?? '')
  return raw(out)
}

/**
 * Text with markdown-style `code` spans shown as `<code>`; everything else escaped.
 *
 * @example
 * prose('Asset `name` is renamed').text // 'Asset <code>name</code> is renamed'
 */
export function prose(text: string): SafeHtml {
  const parts = text.split('`')
  // An unpaired backtick stays a backtick.
  if (parts.length % 2 === 0) return html`${text}`
  return html`${parts.map((part, i) => (i % 2 === 1 ? html`<code>${part}</code>` : part))}`
}
