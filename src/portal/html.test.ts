import { describe, expect, test } from 'vitest'
import { escapeHtml, html, prose, raw } from './html.ts'
import { redocFile } from './portal-assets.ts'

test('escapeHtml: the five characters that matter in content and quoted attributes are replaced', () => {
  expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  )
})

test('html tag: interpolated text escaped, nested html and raw kept, arrays joined, absent values write nothing', () => {
  const items = ['<b>', 'ok']
  const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${undefined}${false}${raw('<br>')}${1}`
  expect(out.text).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul><br>1')
})

test('prose: paired backticks become code spans, their content escaped; an unpaired backtick is left as text', () => {
  expect(prose('Asset `<name>` is renamed to `title`').text).toBe(
    'Asset <code>&lt;name&gt;</code> is renamed to <code>title</code>',
  )
  expect(prose('a ` b <i>').text).toBe('a ` b &lt;i&gt;')
})

describe('the reference renderer', () => {
  test('redoc installed -> its standalone bundle under node_modules', () => {
    expect(redocFile()).toMatch(/node_modules\/redoc\/bundles\/redoc\.standalone\.js$/)
  })

  test('redoc not installed -> STRATA_ERR_PORTAL_RENDERER_MISSING naming the package to install', () => {
    const missing = (id: string): string => {
      throw new Error(`Cannot find module '${id}'`)
    }
    expect(() => redocFile(missing)).toThrow(
      expect.objectContaining({
        code: 'STRATA_ERR_PORTAL_RENDERER_MISSING',
        message: expect.stringContaining('npm install redoc@2'),
      }),
    )
  })
})
