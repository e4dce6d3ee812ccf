import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLibraryReader } from '../../../src/store/library-reader';
import { createLibraryWrites } from '../../../src/library/library-writes';
import { exportLibrary, parseLibraryFile } from '../../../src/library/library-file';
import { parseVideoEntry } from '../../../src/store/parse-entry';
import { scrubEndpointUrl, scrubPageUrl } from '../../../src/store/scrub-url';
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
    progress: fc.nat(1_000_000),
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
    // Stored entries hold them scrubbed (src/store/scrub-url.ts).
    pageUrl: url.map(scrubPageUrl),
    endpointUrl: url.map(scrubEndpointUrl),
    index: fc.nat(10_000),
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

  it('imports the good entries of a poisoned file and says why each bad one was skipped', () => {
    const base = { id: 'a', status: 'done', progress: 0, site: 'https://a.example', pageUrl: 'https://a.example/', endpointUrl: 'https://a.example/v1', index: 0, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 };
    const poisoned = [
      { ...base, id: 'p1', createdAt: 1e300 },
      { ...base, id: 'p2', updatedAt: -1 },
      { ...base, id: 'p3', expiresAt: 1e300 },
      { ...base, id: 'p4', width: 0 },
      { ...base, id: 'p5', durationMs: 1e300 },
      { ...base, id: 'p6', percent: 101 },
      { ...base, id: 'p7', index: 1e9 },
      { ...base, id: 'p8', prompt: 'x'.repeat(100_001) },
      { ...base, id: 'p9', model: 'm'.repeat(1001) },
      { ...base, id: 'x'.repeat(8193) },
    ];
    const good = [base, { ...base, id: 'b', width: 1920, height: 1080, durationMs: 5000, expiresAt: 1_800_000_000_000 }];
    const text = JSON.stringify({ format: 'video-keeper-library', version: 1, exportedAt: 0, entries: [poisoned[0], good[0], ...poisoned.slice(1), good[1]] });
    const parsed = parseLibraryFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entries).toEqual(good);
    expect(parsed.skipped.map((skip) => skip.error)).toEqual([
      'createdAt is not a date between 1970 and 2200',
      'updatedAt is not a date between 1970 and 2200',
      'expiresAt is not a date between 1970 and 2200',
      'width is not positive',
      'durationMs is over 86400000',
      'percent is over 100',
      'index is over 10000',
      'prompt is longer than 100000 characters',
      'model is longer than 1000 characters',
      'id is longer than 8192 characters',
    ]);
  });

  it('keeps no secret of the page or endpoint URL in an import or an export, and keeps signed video links', () => {
    const signed = 'https://cdn.example/v.mp4?X-Amz-Signature=abc&X-Amz-Expires=60';
    const entry = {
      id: 'a', status: 'done', progress: 0, videoUrl: signed, coverUrl: `${signed}&cover`, site: 'https://chat.example',
      pageUrl: 'https://u:p@chat.example/c/1?chat=7&access_token=T1#frag', endpointUrl: 'https://chat.example/v1/stream?access_token=T2',
      index: 0, createdAt: 1, updatedAt: 1,
    } as VideoEntry;
    const exported = exportLibrary([entry], 1);
    expect(exported).not.toMatch(/T1|T2|frag|u:p@/);
    expect(exported).toContain(signed);
    const parsed = parseVideoEntry(entry);
    expect(parsed).toMatchObject({ ok: true, entry: { pageUrl: 'https://chat.example/c/1?chat=7', endpointUrl: 'https://chat.example/v1/stream', videoUrl: signed } });
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
