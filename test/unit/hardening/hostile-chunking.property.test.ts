import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE_CASES } from './support/hostile-cases';
import { createPipeline, outcomeOf, trackUnhandledRejections } from './support/pipeline';

/**
 * The corpus again, each stream cut into network chunks at random byte boundaries (inside
 * multibyte characters, CRLF pairs, `data:` prefixes) and batched by the relay at random: the
 * outcome never depends on where the network happened to split the body.
 */
export const RUNS_PER_STREAM = 30;

const cutsOf = (length: number): fc.Arbitrary<number[]> =>
  length < 2
    ? fc.constant([])
    : fc.oneof(
        fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: 60 }),
        // A run of single bytes somewhere: every boundary of a character or a line end in it.
        fc
          .tuple(fc.integer({ min: 1, max: length - 1 }), fc.integer({ min: 1, max: 40 }))
          .map(([start, count]) => Array.from({ length: Math.min(count, length - start) }, (_, index) => start + index)),
      );

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, index) => bytes.subarray(points[index], end));
}

const rejections = trackUnhandledRejections();
afterEach(() => {
  expect(rejections.take()).toEqual([]);
});

const fuzzed = HOSTILE_CASES.filter((item) => item.bytes !== undefined);

describe('hostile streams, chunked at random', () => {
  it('fuzzes every stream of the corpus that is a file', () => {
    expect(fuzzed.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fuzzed.map((item) => [item.name, item] as const))('%s', async (_name, item) => {
    const bytes = item.bytes ?? new Uint8Array();
    await fc.assert(
      fc.asyncProperty(cutsOf(bytes.length), fc.integer({ min: 1, max: 6 }), async (cuts, batchEvery) => {
        const pipeline = await createPipeline();
        pipeline.stream(1, { contentType: item.contentType, chunks: split(bytes, cuts), finish: item.finish, batchEvery });
        await pipeline.settle();
        const entries = await pipeline.entries();
        expect(entries.map(outcomeOf).sort()).toEqual([...item.entries].sort());
        expect([...new Set(pipeline.logs.map((log) => log.type))].sort()).toEqual([...item.logs].sort());
        item.check?.(entries, pipeline);
      }),
      { numRuns: RUNS_PER_STREAM },
    );
  }, 60_000);
});
