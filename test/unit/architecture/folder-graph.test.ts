import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import folderLayers from '../../../scripts/folder-layers.json';

// The folder-level import graph of src/, from the modules' own imports: it has no cycle, and every
// import goes down the layer order of scripts/folder-layers.json (CONTRIBUTING.md, "Where new code goes").
const SRC = 'src';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const path = join(dir, item.name);
    if (item.isDirectory()) return sourceFiles(path);
    return item.name.endsWith('.ts') ? [path] : [];
  });
}

/** The top folder of src/ a path is in, or undefined for a path outside src/ (a package). */
function folderOf(path: string): string | undefined {
  const inside = relative(SRC, path);
  if (inside.startsWith('..')) return undefined;
  const [folder, rest] = inside.split(sep, 2);
  return rest === undefined ? undefined : folder;
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Every import between two folders of src/: `from -> to` with the file that makes it. */
function folderImports(): { from: string; to: string; file: string; specifier: string }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const from = folderOf(file);
    if (!from) return [];
    return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].flatMap((match) => {
      const specifier = match[1] ?? match[2] ?? '';
      const target = specifier.startsWith('.') ? normalize(join(dirname(file), specifier)) : specifier.startsWith('@/') ? specifier.slice(2) : undefined;
      const to = target === undefined ? undefined : folderOf(target);
      return to && to !== from ? [{ from, to, file, specifier }] : [];
    });
  });
}

/** Folders on a cycle of the folder graph (a depth-first search that finds a back edge). */
function foldersOnCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (folder: string): void => {
    state.set(folder, 'open');
    path.push(folder);
    for (const next of edges.get(folder) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(folder, 'done');
  };
  for (const folder of edges.keys()) if (!state.has(folder)) visit(folder);
  return cycles;
}

describe('the folders of src/', () => {
  const imports = folderImports();
  const layerOf = new Map(folderLayers.layers.flatMap((folders, layer) => folders.map((folder) => [folder, layer] as const)));

  it('are each in one layer of scripts/folder-layers.json', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((item) => item.isDirectory()).map((item) => item.name);
    expect(folders.filter((folder) => !layerOf.has(folder))).toEqual([]);
    expect(folderLayers.layers.flat().length).toBe(layerOf.size);
  });

  it('import one another without a cycle', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of imports) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    expect(edges.size).toBeGreaterThan(10);
    expect(foldersOnCycles(edges)).toEqual([]);
  });

  it('import only down the layer order', () => {
    const upward = imports.filter(({ from, to }) => (layerOf.get(to) ?? Infinity) >= (layerOf.get(from) ?? -Infinity));
    expect(upward.map(({ file, specifier }) => `${file} -> ${specifier}`)).toEqual([]);
  });
});
