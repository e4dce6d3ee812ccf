import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One function of the source, by the lines its body spans. */
export interface FunctionSize {
  file: string;
  name: string;
  lines: number;
}

/** The `.ts` files under `dir`, depth first. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The name a reader would look for: the function's own, else the variable or property it is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  return '(anonymous)';
}

/** Every function (declared, arrow, expression, method) of the `.ts` files under `root`'s `dirs`, largest first. */
export function functionSizes(root: string, dirs: readonly string[]): FunctionSize[] {
  const sizes: FunctionSize[] = [];
  for (const file of dirs.flatMap((dir) => tsFiles(join(root, dir)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const fn = node;
        const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
        sizes.push({ file: relative(root, file), name: nameOf(fn), lines: end - start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return sizes.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
}

// `npx tsx scripts/function-sizes.ts [count]`: the largest functions of src/ and entrypoints/.
if (process.argv[1]?.endsWith('function-sizes.ts')) {
  const count = Number(process.argv[2] ?? 15);
  for (const { file, name, lines } of functionSizes(process.cwd(), ['src', 'entrypoints']).slice(0, count)) {
    console.log(`${String(lines).padStart(5)}  ${name}  ${file}`);
  }
}
