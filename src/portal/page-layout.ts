import { html, type SafeHtml } from './html.ts'

/** What every page of the portal needs to draw its frame. */
export interface LayoutInput {
  /** The portal's base path, `/docs`. */
  readonly base: string
  /** The API's name in the page title. */
  readonly title: string
  readonly heading: string
  /** Which navigation entry is current. */
  readonly current: 'overview' | 'reference' | 'changelog' | 'usage'
  readonly body: SafeHtml
  /** Scripts served by the portal itself, as paths under the base. */
  readonly scripts?: readonly string[]
}

/**
 * The portal's Content-Security-Policy: everything from this origin only, nothing from any other
 * host. Inline styles are allowed because the reference renderer sets them; scripts are not.
 */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * One HTML page of the portal: title, navigation, body and the portal's own scripts.
 *
 * @example
 * pageLayout({ base: '/docs', title: 'Assets API', heading: 'Versions', current: 'overview', body: html`<p>…</p>` })
 */
export function pageLayout(input: LayoutInput): string {
  const { base } = input
  const link = (key: LayoutInput['current'], href: string, label: string) =>
    html`<a href="${href}"${key === input.current ? html` aria-current="page"` : ''}>${label}</a>`
  return `<!doctype html>\n${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.heading} · ${input.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/assets/portal.css">
</head><body data-page="${input.current}">
<header class="top"><span class="brand">${input.title}</span><nav>${link('overview', base, 'Versions')}${link('reference', `${base}/reference`, 'Reference')}${link('changelog', `${base}/changelog`, 'Changelog')}${link('usage', `${base}/usage`, 'Usage')}</nav></header>
<main><h1>${input.heading}</h1>
${input.body}</main>
${(input.scripts ?? []).map((s) => html`<script src="${base}/assets/${s}"></script>`)}
</body></html>`.text
  }\n`
}
