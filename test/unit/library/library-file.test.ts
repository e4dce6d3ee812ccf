import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLibraryReader } from '../../../src/gallery/library-reader';
import { createLibraryWrites } from '../../../src/library/library-writes';
import { exportLibrary, parseLibraryFile } from '../../../src/library/library-file';
import { parseVideoEntry } from '../../../src/library/parse-entry';
import { createVideoDbConnection } from '../../../src/store/video-db';
import type { VideoEntry } from '../../../src/store/video-entry';

/** Property runs take seconds; on a loaded 2-core machine several times more than vitest's 5 s default. */
const PROPERTY_TIMEOUT_MS = 60_000;

const url = fc.webUrl({ validSchemes: ['http', 'https'] }).filter((value) => /^https?:/.test(value));
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const entryArb: fc.Arbitrary<VideoEntry> = fc
  .record({
    id: fc.string({ minLength: 1 }),
    status: fc.constantFrom('generating', 'done', 'partial', 'failed'),
    progress: fc.nat(),
    videoUrl: optional(url),
    videoKey: optional(fc.string()),
    expiresAt: optional(time),
    needsCheck: optional(fc.constant(true as const)),
    coverUrl: optional(url),
    prompt: optional(fc.string({ unit: 'grapheme' })),
    taskId: optional(fc.string()),
    inputImageUrl: optional(url),
    model: optional(fc.string()),
    site: url,
    pageUrl: url,
    endpointUrl: url,
    index: fc.nat(),
    failureReason: optional(fc.constantFrom('no-result', 'stream-error', 'interrupted', 'truncated')),
    partialReason: optional(fc.constantFrom('stream-error', 'interrupted', 'truncated')),
    truncated: optional(fc.constant(true as const)),
    createdAt: time,
    updatedAt: time,
  })
  .map((record) => JSON.parse(JSON.stringify(record)) as VideoEntry);

describe('library export and import', () => {
  it('round-trips any library losslessly', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 20 }), (entries) => {
        const parsed = parseLibraryFile(exportLibrary(entries, 1));
        expect(parsed).toEqual({ ok: true, entries, skipped: [] });
      }),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('refuses files that are not a library, and skips broken or hostile entries with the reason', () => {
    expect(parseLibraryFile('nope')).toMatchObject({ ok: false, error: expect.stringContaining('not a JSON file') as string });
    expect(parseLibraryFile('{"entries":[]}')).toMatchObject({ ok: false, error: expect.stringContaining('not a Video Keeper') as string });
    expect(parseLibraryFile('{"format":"video-keeper-library","version":9,"entries":[]}')).toMatchObject({ ok: false });
    const good = JSON.parse(exportLibrary([], 0)) as { entries: unknown[] };
    const base = { id: 'x', status: 'done', progress: 0, site: 'https://a.example', pageUrl: 'https://a.example/', endpointUrl: 'https://a.example/v1', index: 0, createdAt: 1, updatedAt: 1 };
    good.entries = [base, { ...base, videoUrl: 'javascript:alert(1)' }, { ...base, status: 'lost' }, 5];
    const parsed = parseLibraryFile(JSON.stringify(good));
    expect(parsed).toEqual({
      ok: true,
      entries: [base],
      skipped: [
        { index: 1, error: 'videoUrl is not an http(s) URL' },
        { index: 2, error: 'status is not one of generating, done, partial, failed' },
        { index: 3, error: 'not an object' },
      ],
    });
    expect(parseVideoEntry({ ...base, extra: 1 })).toEqual({ ok: true, entry: base });
  });

  it('writes, reads the newest page, deletes with undo and clears in IndexedDB', async () => {
    const database = createVideoDbConnection(`library-test-${Math.random()}`);
    const writes = createLibraryWrites(database);
    const reader = createLibraryReader(database);
    const entries = fc.sample(entryArb, { numRuns: 30, seed: 7 }).map((entry, index) => ({ ...entry, id: `e${index}`, createdAt: index }));
    await writes.put(entries);
    expect(await reader.count()).toBe(30);
    expect((await reader.newest(5)).map((entry) => entry.id)).toEqual(['e29', 'e28', 'e27', 'e26', 'e25']);
    const removed = await writes.remove(['e29', 'e3', 'missing']);
    expect(removed.map((entry) => entry.id)).toEqual(['e29', 'e3']);
    expect(await reader.count()).toBe(28);
    await writes.put(removed);
    expect(await reader.all()).toEqual([...entries].reverse());
    expect(await writes.clear()).toBe(30);
    expect(await reader.count()).toBe(0);
  });
});
