#!/usr/bin/env node
// Code-shape numbers for issue 14 (run from the repository root: `node scripts/code-stats.mjs [--list]`):
// lines in src/cli/, the largest file in src/, functions longer than 100 lines (TypeScript AST: function
// declarations, methods, arrow functions and function expressions, counted first line to last), and
// lines over 150 characters. `--list` names the long functions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = process.cwd();
const walk = (d) =>
  readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
const files = walk(join(root, 'src'));
let cliLines = 0,
  longLines = 0,
  totalLines = 0;
let largest = { file: '', lines: 0 };
const longFns = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const lines = text.split('\n');
  const n = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const rel = relative(root, f);
  totalLines += n;
  if (rel.startsWith('src/cli/')) cliLines += n;
  if (n > largest.lines) largest = { file: rel, lines: n };
  longLines += lines.filter((l) => l.length > 150).length;
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isConstructorDeclaration(node)
    ) {
      if (node.body) {
        const a = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line,
          b = sf.getLineAndCharacterOfPosition(node.end).line;
        if (b - a + 1 > 100) longFns.push({ where: `${rel}:${a + 1}`, name: node.name?.getText(sf) ?? '(anonymous)', lines: b - a + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
console.log(`src: ${files.length} files, ${totalLines} lines`);
console.log(`src/cli: ${cliLines} lines`);
console.log(`largest file: ${largest.file} (${largest.lines} lines)`);
console.log(`functions over 100 lines: ${longFns.length}`);
console.log(`lines over 150 characters: ${longLines}`);
if (process.argv.includes('--list')) for (const f of longFns.sort((x, y) => y.lines - x.lines)) console.log(`  ${f.lines}\t${f.name}\t${f.where}`);
