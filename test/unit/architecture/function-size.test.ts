import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionSizes } from '@/scripts/function-sizes';

const root = join(import.meta.dirname, '../../..');
/** Lines a function of src/ or entrypoints/ may span: past it, it is split along its seams (CONTRIBUTING.md). */
const MAX_FUNCTION_LINES = 140;
/** Lines an entrypoint may have: entrypoints only wire (CONTRIBUTING.md). */
const MAX_ENTRYPOINT_LINES = 100;

function entrypointFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return entrypointFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

describe('the size of the code', () => {
  it(`has no function over ${MAX_FUNCTION_LINES} lines in src/ or entrypoints/`, () => {
    const sizes = functionSizes(root, ['src', 'entrypoints']);
    expect(sizes.length).toBeGreaterThan(500); // the walk found the code
    expect(sizes.filter((size) => size.lines > MAX_FUNCTION_LINES)).toEqual([]);
  });

  it(`has no entrypoint over ${MAX_ENTRYPOINT_LINES} lines`, () => {
    const long = entrypointFiles(join(root, 'entrypoints'))
      .map((file) => ({ file, lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((file) => file.lines > MAX_ENTRYPOINT_LINES);
    expect(long).toEqual([]);
  });
});
