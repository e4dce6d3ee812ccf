import type { Side } from './bench-browser';

export interface AlternateOptions {
  /** Measured pairs. */
  pairs: number;
  /** Pairs run first and thrown away (JIT, caches, the service worker starting). */
  warmupPairs: number;
}

/**
 * Runs on/off pairs back to back, swapping which side goes first every pair (on-off, off-on, …)
 * so neither side always runs right after the other's leftovers; returns the measured pairs.
 */
export async function alternate<T>(
  options: AlternateOptions,
  run: (side: Side, pair: number) => Promise<T>,
): Promise<Array<Record<Side, T>>> {
  const pairs: Array<Record<Side, T>> = [];
  for (let index = 0; index < options.warmupPairs + options.pairs; index += 1) {
    const order: Side[] = index % 2 === 0 ? ['on', 'off'] : ['off', 'on'];
    const results: Partial<Record<Side, T>> = {};
    for (const side of order) results[side] = await run(side, index);
    if (index >= options.warmupPairs) pairs.push(results as Record<Side, T>);
  }
  return pairs;
}
