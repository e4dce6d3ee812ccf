import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createCaptureService } from '@/src/background/capture-service';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { createImportLogHandler } from '@/src/library/import-log-handler';
import { MAX_LOG_CHARS } from '@/src/library/import-captured-log';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { createVideoStore } from '@/src/store/video-store';
import { seedExpected, seedSse } from '../../support/seed';

async function setUp(name: string) {
  const store = createVideoStore(await openVideoDb(`import-log-${name}`));
  const changed: VideoEntry[][] = [];
  const capture = createCaptureService({ extensionId: 'x', store, log: () => {}, onEntriesChanged: (entries) => changed.push(entries) });
  const handler = createImportLogHandler({ write: (updates) => capture.write(updates), extractors: () => SITE_EXTRACTORS });
  return { store, changed, handler };
}

describe('import-log: imports go through the write queue', () => {
  it('stores a saved stream through the capture write queue, so its fan-out (link checks, copies, signals) runs', async () => {
    const { store, changed, handler } = await setUp('stream');
    const result = await handler({ type: 'import-log', text: new TextDecoder().decode(seedSse), fileName: 'answer.sse' });
    expect(result).toEqual({ ok: true, streams: 1, videos: 1 });
    expect((await store.list()).map((entry) => entry.videoUrl)).toEqual([seedExpected.videos[0]!.video]);
    expect(changed.flat().map((entry) => entry.videoUrl)).toEqual([seedExpected.videos[0]!.video]);
  });

  it('answers a refused file with its reason, and stores nothing', async () => {
    const { store, handler } = await setUp('refused');
    const result = await handler({ type: 'import-log', text: 'x'.repeat(MAX_LOG_CHARS + 1), fileName: 'big.har' });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('MB') as unknown });
    expect(await store.list()).toEqual([]);
  });

  it('is a request of the background API, parsed before it reaches the handler', async () => {
    const { handler } = await setUp('dispatch');
    const handlers = { 'import-log': handler } as unknown as RequestHandlers;
    expect(dispatchRequest(handlers, { type: 'import-log', text: 1, fileName: 'a' })).toBeUndefined();
    await expect(dispatchRequest(handlers, { type: 'import-log', text: 'hello', fileName: 'notes.txt' })).resolves.toEqual({ ok: true, streams: 1, videos: 0 });
  });
});
