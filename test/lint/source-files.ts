import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { repoRoot } from '../helpers/shared-data.ts'

/** Every `.ts` file under the given folders of the checkout (relative paths, `/`-separated). */
export function sourceFiles(folders: readonly string[], keep: (file: string) => boolean): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(rel)
      else if (entry.isFile() && entry.name.endsWith('.ts') && keep(rel)) out.push(rel)
    }
  }
  for (const folder of folders) walk(folder)
  return out.sort()
}

/** The TypeScript syntax tree of a checkout file. */
export function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.ES2022, true)
}

/** Calls `visit` on every node of a tree. */
export function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node)
  node.forEachChild((child) => walk(child, visit))
}

/** `file:line` of a node, for failure messages. */
export function where(source: ts.SourceFile, node: ts.Node): string {
  return `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`
}
