import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { StrataError } from '../error/index.ts'

/** The portal's stylesheet. */
export const PORTAL_CSS = `
:root { color-scheme: light; --fg: #1d2330; --muted: #5b6474; --line: #d9dee7; --accent: #2457c5;
  --released: #2f9e66; --deprecated: #e0a526; --sunset: #c2423a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--fg); }
header.top { display: flex; gap: 2rem; align-items: center; padding: .6rem 1.5rem; background: #16213a; color: #fff; }
header.top a { color: #c9d6f2; margin-right: 1.2rem; text-decoration: none; }
header.top a[aria-current] { color: #fff; border-bottom: 2px solid #fff; }
.brand { font-weight: 600; }
main { padding: 1rem 1.5rem 3rem; max-width: 1100px; }
body[data-page="reference"] main { max-width: none; padding: 0; }
body[data-page="reference"] main > h1, .switcher { margin: 1rem 1.5rem .5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .8rem .3rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
table.versions td:not(:last-child), table.still-calling td:not(:last-child), table.totals td { white-space: nowrap; }
code { background: #f1f3f7; padding: 0 .25rem; border-radius: 3px; }
.muted { color: var(--muted); }
.phase { display: inline-block; padding: 0 .45rem; border-radius: 9px; font-size: .85em; background: #eef1f6; }
.phase-ga, .phase-released { background: #dff3e8; }
.phase-deprecated { background: #fcf0cf; }
.phase-sunset { background: #f7dcda; }
svg text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: var(--fg); }
svg .axis line { stroke: var(--line); }
svg .axis text { fill: var(--muted); }
svg rect.phase-released { fill: var(--released); }
svg rect.phase-deprecated { fill: var(--deprecated); }
svg rect.phase-sunset { fill: var(--sunset); opacity: .55; }
svg .today line { stroke: #16213a; stroke-width: 2; stroke-dasharray: 4 3; }
svg .series { fill: none; stroke-width: 2; }
.legend span { margin-right: 1rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: -1px; }
`

/**
 * Runs on the reference page: renders the version's contract with Redoc and moves to another
 * version when the switcher changes. Loaded from the portal, so no inline script is needed.
 */
export const REFERENCE_JS = `(function () {
  var el = document.getElementById('reference');
  var switcher = document.getElementById('version-switcher');
  if (switcher) switcher.addEventListener('change', function () { window.location.assign(switcher.value); });
  if (!el || typeof Redoc === 'undefined') return;
  Redoc.init(el.getAttribute('data-spec'), { hideHostname: true, expandResponses: '200,201', nativeScrollbars: true }, el,
    function () { document.body.setAttribute('data-reference-ready', el.getAttribute('data-version') || ''); });
})();
`

let _redoc: string | undefined

const BLANK_IMAGE = 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 width=%221%22 height=%221%22/%3E'

/**
 * Where Redoc's standalone bundle is installed; throws `STRATA_ERR_PORTAL_RENDERER_MISSING` when it is not.
 *
 * @example
 * redocFile() // '/app/node_modules/redoc/bundles/redoc.standalone.js'
 */
export function redocFile(resolve: (id: string) => string = createRequire(import.meta.url).resolve): string {
  try {
    return resolve('redoc/bundles/redoc.standalone.js')
  } catch {
    throw new StrataError(
      'STRATA_ERR_PORTAL_RENDERER_MISSING',
      "The portal's API reference needs Redoc's standalone build; install it with `npm install redoc@2`.",
    )
  }
}

/**
 * Redoc's standalone bundle, read once from `node_modules` (the `redoc` package, 2.x), so the
 * reference renders with nothing fetched from another host.
 *
 * @example
 * const js = redocBundle()
 */
export function redocBundle(): string {
  if (_redoc !== undefined) return _redoc
  const file = redocFile()
  // Redoc's sidebar footer always loads its logo from Redocly's CDN; the portal loads nothing from
  // another host, so the footer gets a blank image instead (the link text stays).
  _redoc = readFileSync(file, 'utf8').replaceAll('https://cdn.redoc.ly/redoc/logo-mini.svg', BLANK_IMAGE)
  return _redoc
}
