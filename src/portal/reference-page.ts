import type { Contract } from '../openapi/contract/index.ts'
import { html, type SafeHtml } from './html.ts'
import { scopeSlug } from './version-overview.ts'

/** The URL of one version's reference page. */
export const referenceUrl = (base: string, c: Contract): string =>
  `${base}/reference/${scopeSlug(c.scope)}/${encodeURIComponent(c.label)}`

/** The stable URL of one version's contract JSON. */
export const contractUrl = (base: string, c: Contract): string =>
  `${base}/contracts/${scopeSlug(c.scope)}/${encodeURIComponent(c.label)}.json`

/**
 * The reference page of one version: a switcher over the scope's published versions, a link to
 * the contract JSON, and the element Redoc renders the contract into.
 *
 * @example
 * referenceBody('/docs', contract, siblings)
 */
export function referenceBody(base: string, contract: Contract, siblings: readonly Contract[]): SafeHtml {
  const options = siblings.map(
    (c) =>
      html`<option value="${referenceUrl(base, c)}"${c.label === contract.label ? html` selected` : ''}>${c.label} (${c.phase})</option>`,
  )
  return html`<div class="switcher"><label>Version <select id="version-switcher" aria-label="Version">${options}</select></label>
<a class="contract-link" href="${contractUrl(base, contract)}">OpenAPI contract (JSON)</a></div>
<div id="reference" data-spec="${contractUrl(base, contract)}" data-version="${contract.label}"></div>`
}

/**
 * The reference index: every published version of every scope.
 *
 * @example
 * referenceIndex('/docs', contracts)
 */
export function referenceIndex(base: string, contracts: readonly Contract[]): SafeHtml {
  const scopes = [...new Set(contracts.map((c) => c.scope))]
  if (scopes.length === 0) return html`<p>No published versions.</p>`
  return html`${scopes.map(
    (s) =>
      html`<h2>${s ?? 'API'}</h2><ul>${contracts
        .filter((c) => c.scope === s)
        .map(
          (c) =>
            html`<li><a href="${referenceUrl(base, c)}">${c.label}</a> <span class="phase phase-${c.phase}">${c.phase}</span> · <a href="${contractUrl(base, c)}">JSON</a></li>`,
        )}</ul>`,
  )}`
}
