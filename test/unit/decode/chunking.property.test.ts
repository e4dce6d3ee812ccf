import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedExpected, seedPretty, seedSse } from '../../support/seed';
import { decodeChunks, expectedOutcome, fixtureFiles, loadFixture, runText, type Outcome } from './dialects/fixture-runner';

/** Property runs take seconds; on a loaded 2-core machine several times more than vitest's 5 s default. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * Whatever the byte boundaries of the network chunks (decoded by one streaming TextDecoder,
 * as the relay does), every recorded stream gives the same text, model, end and videos.
 */
interface Case {
  name: string;
  bytes: Uint8Array;
  contentType: string;
  expected: Outcome;
}

const seedOutcome = (issues: string[]): Outcome => ({
  text: seedExpected.content,
  // The seed's model field is blank (" "): no model is reported.
  model: null,
  finished: true,
  issues,
  task: { id: seedExpected.videos[0]!.taskId, prompt: seedExpected.videos[0]!.prompt },
  videos: seedExpected.videos.map((video) => ({ videoUrl: video.video, coverUrl: video.cover })),
});

const cases: Case[] = [
  { name: 'cogvideo-dog.sse', bytes: seedSse, contentType: 'text/event-stream', expected: seedOutcome([]) },
  {
    name: 'cogvideo-dog.pretty.txt',
    bytes: new TextEncoder().encode(seedPretty),
    contentType: 'text/event-stream',
    expected: seedOutcome(['pretty-printed']),
  },
  ...fixtureFiles().map((file) => {
    const fixture = loadFixture(file);
    return { name: file, bytes: fixture.bytes, contentType: fixture.expected.contentType, expected: expectedOutcome(fixture.expected) };
  }),
];

/** Cut points: a few anywhere, or a run of single bytes (every boundary inside a multibyte character, `\r\n`, `data:`…). */
const cutsOf = (length: number): fc.Arbitrary<number[]> =>
  fc.oneof(
    fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { minLength: 1, maxLength: 40 }),
    fc
      .tuple(fc.integer({ min: 1, max: length - 1 }), fc.integer({ min: 1, max: 48 }))
      .map(([start, count]) => Array.from({ length: count }, (_, index) => start + index)),
  );

describe('every recorded stream, chunked at random byte boundaries', () => {
  it.each(cases.map((item) => [item.name, item] as const))('%s gives the same answer', (_name, item) => {
    expect(runText(item.contentType, decodeChunks(item.bytes, []))).toEqual(item.expected);
    fc.assert(
      fc.property(cutsOf(item.bytes.length), (cuts) => {
        expect(runText(item.contentType, decodeChunks(item.bytes, cuts))).toEqual(item.expected);
      }),
      { numRuns: 400 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it.each(cases.map((item) => [item.name, item] as const))('%s gives the same answer fed byte by byte', (_name, item) => {
    const everyByte = Array.from({ length: item.bytes.length }, (_, index) => index);
    expect(runText(item.contentType, decodeChunks(item.bytes, everyByte))).toEqual(item.expected);
  }, PROPERTY_TIMEOUT_MS);
});
