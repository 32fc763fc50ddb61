/** Report formats for findings: text, markdown, JSON and GitHub Actions annotations. */
export { formatGithub } from './format-github.ts'
export { formatJson } from './format-json.ts'
export { formatMarkdown } from './format-markdown.ts'
export { formatText, type TextOptions } from './format-text.ts'
export { placeOf, summarize } from './summary.ts'
