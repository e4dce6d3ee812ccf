import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import type { CapturePort } from '@/src/background/capture-service';
import { createWriteQueue, MAX_BACKLOG_UPDATES, type BacklogStorage } from '@/src/background/write-queue';
import { renderBacklogNotice, renderGalleryError } from '@/src/gallery/render-gallery';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openVideoDb, VIDEO_DB_NAME } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { createVideoStore, openVideoStore, type VideoStore } from '@/src/store/video-store';
import { parseWriteBacklog, WRITE_BACKLOG_KEY, type WriteBacklog } from '@/src/store/write-backlog';
import { answerEventLine } from './support/hostile-cases';
import { DONE_EVENT, HOSTILE_VIDEO, STOP_EVENT, TASK_TEXT } from './support/hostile-answer';
import { createPipeline, linkPorts, PAGE_SENDER, trackUnhandledRejections } from './support/pipeline';

/**
 * A full disk and a missing IndexedDB: what the background cannot store is kept (in memory, in
 * `storage.local`, and by the relay, which is not told the stream is stored) and retried, and the
 * popup says what is wrong and what to do.
 */

const VIDEO_ANSWER = answerEventLine(TASK_TEXT) + answerEventLine(`[视频](${HOSTILE_VIDEO})\n`) + STOP_EVENT + DONE_EVENT;
const quotaError = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A store whose writes fail while `failing` is set, then behave as the real one. */
async function flakyStore(error: () => unknown = quotaError): Promise<VideoStore & { failing: boolean; attempts: number }> {
  const real = createVideoStore(await openVideoDb(`flaky-${Math.random()}`));
  const flaky = {
    ...real,
    failing: true,
    attempts: 0,
    async apply(updates: EntryUpdate[], now?: number) {
      flaky.attempts += 1;
      if (flaky.failing) throw error();
      return real.apply(updates, now);
    },
  };
  return flaky;
}

function update(index: number, status: EntryUpdate['status']): EntryUpdate {
  return { id: `task:${index}:0`, status, site: 'http://localhost:3000', pageUrl: 'http://localhost:3000/', endpointUrl: 'http://localhost:3000/v1', index: 0, taskId: String(index) };
}

/** `storage.local` in memory. */
function memoryBacklog(): BacklogStorage & { saved: WriteBacklog | undefined; saves: number } {
  const area = {
    saved: undefined as WriteBacklog | undefined,
    saves: 0,
    load: async () => area.saved,
    async save(backlog: WriteBacklog | undefined) {
      area.saves += 1;
      area.saved = backlog && (JSON.parse(JSON.stringify(backlog)) as WriteBacklog);
    },
  };
  return area;
}

const rejections = trackUnhandledRejections();
afterEach(() => {
  expect(rejections.take()).toEqual([]);
  vi.restoreAllMocks();
});

describe('a store that throws QuotaExceededError', () => {
  it('keeps the capture, retries, and confirms the stream to the relay only once it is stored', async () => {
    const store = await flakyStore();
    const backlog = memoryBacklog();
    const retries: Array<() => void> = [];
    const pipeline = await createPipeline({ store, service: { backlog, schedule: (callback) => retries.push(callback) } });
    pipeline.stream(1, { contentType: 'text/event-stream', chunks: [VIDEO_ANSWER], finish: 'complete' });
    await pipeline.settle();

    expect(await pipeline.entries()).toEqual([]);
    // Not lost: the relay still holds the stream, the queue holds the updates, storage.local too.
    expect(pipeline.relay.pendingStreams()).toBe(1);
    expect(pipeline.service().pendingWrites()).toBeGreaterThan(0);
    expect(backlog.saved).toMatchObject({ error: 'QuotaExceededError: The quota has been exceeded.' });
    expect(backlog.saved?.updates.at(-1)).toMatchObject({ status: 'done', videoUrl: HOSTILE_VIDEO });
    expect(pipeline.logs.filter((log) => log.type === 'store-failed')[0]?.message).toMatch(/QuotaExceededError/);
    expect(retries).toHaveLength(1);

    // Still full: the retry fails and schedules the next one, later.
    retries.shift()?.();
    await pipeline.settle();
    expect(retries).toHaveLength(1);
    expect(pipeline.relay.pendingStreams()).toBe(1);

    // Space was freed.
    store.failing = false;
    retries.shift()?.();
    await pipeline.settle();
    expect((await pipeline.entries()).map((entry) => [entry.status, entry.videoUrl])).toEqual([['done', HOSTILE_VIDEO]]);
    expect(backlog.saved).toBeUndefined();
    expect(pipeline.service().pendingWrites()).toBe(0);
    expect(pipeline.relay.pendingStreams()).toBe(0);
  });

  it('stores what a stopped worker left in storage.local, even after the tab is gone', async () => {
    const store = await flakyStore();
    const backlog = memoryBacklog();
    const pipeline = await createPipeline({ store, service: { backlog, schedule: () => {} } });
    pipeline.stream(1, { contentType: 'text/event-stream', chunks: [VIDEO_ANSWER], finish: 'complete' });
    await pipeline.settle();
    pipeline.closeFrame();
    expect(backlog.saved?.updates.length).toBeGreaterThan(0);

    // The worker stops; the next one starts with the store working again.
    store.failing = false;
    const next = await createPipeline({ store, service: { backlog, schedule: () => {} } });
    await next.service().restoreBacklog();
    expect((await store.list()).map((entry) => [entry.status, entry.videoUrl])).toEqual([['done', HOSTILE_VIDEO]]);
    expect(backlog.saved).toBeUndefined();
  });

  it('keeps updates in order behind a failed write', async () => {
    const store = await flakyStore();
    const retries: Array<() => void> = [];
    const queue = createWriteQueue({ store, schedule: (callback) => retries.push(callback), now: () => 0, onStored: () => {}, log: () => {} });
    const written = [
      queue.write([update(1, 'generating')]),
      queue.write([{ ...update(1, 'failed'), failureReason: 'interrupted' }]),
      queue.write([{ ...update(1, 'generating'), progress: 3 }]),
    ];
    await queue.idle();
    expect(queue.pending()).toBe(3);
    store.failing = false;
    retries.shift()?.();
    await Promise.all(written);
    // In order: the interrupted entry came back to life when its stream was replayed.
    expect(await store.get('task:1:0')).toMatchObject({ status: 'generating', progress: 3 });
  });

  it(`keeps at most ${MAX_BACKLOG_UPDATES} updates, dropping the oldest with a logged reason`, async () => {
    const store = await flakyStore();
    const logs: string[] = [];
    const retries: Array<() => void> = [];
    const queue = createWriteQueue({ store, schedule: (callback) => retries.push(callback), now: () => 0, onStored: () => {}, log: (message) => logs.push(message) });
    void queue.write([update(0, 'generating')]);
    await queue.idle();
    for (let index = 1; index < MAX_BACKLOG_UPDATES + 10; index++) void queue.write([update(index, 'generating')]);
    expect(queue.pending()).toBe(MAX_BACKLOG_UPDATES);
    expect(logs.some((message) => /unsaved updates dropped from the write backlog/.test(message))).toBe(true);
    store.failing = false;
    retries.shift()?.();
    await queue.idle();
    expect(queue.pending()).toBe(0);
    const ids = new Set((await store.list()).map((entry) => entry.id));
    expect(ids.size).toBe(MAX_BACKLOG_UPDATES);
    expect(ids.has(`task:${MAX_BACKLOG_UPDATES + 9}:0`)).toBe(true);
    expect(ids.has('task:0:0')).toBe(false);
  });

  it('is wired in the background: a full disk leaves the capture in storage.local for the popup to show', async () => {
    const connectListeners: Array<(port: CapturePort & { name: string }) => void> = [];
    fakeBrowser.reset();
    Object.assign(fakeBrowser.runtime, { onConnect: { addListener: (listener: (typeof connectListeners)[number]) => connectListeners.push(listener) } });
    Object.assign(fakeBrowser, { downloads: { download: vi.fn() } });
    Object.assign(fakeBrowser.permissions, { onAdded: { addListener: () => {} }, onRemoved: { addListener: () => {} } });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await deleteDB(VIDEO_DB_NAME);
    // Every write of fake-indexeddb fails as a full disk does.
    const objectStore = (globalThis as unknown as { IDBObjectStore: { prototype: { put(): unknown } } }).IDBObjectStore.prototype;
    vi.spyOn(objectStore, 'put').mockImplementation(() => {
      throw quotaError();
    });
    background.main();
    const link = linkPorts({ ...PAGE_SENDER, id: fakeBrowser.runtime.id });
    for (const listener of connectListeners) listener(Object.assign(link.service, { name: 'capture' }));
    const posted: unknown[] = [];
    link.relay.onMessage.addListener((message) => posted.push(message));
    link.relay.postMessage({ type: 'stream-open', streamId: 's-1', endpointUrl: 'http://localhost:3000/v1/chat/completions', contentType: 'text/event-stream', startedAt: 1 });
    link.relay.postMessage({ type: 'stream-chunk', streamId: 's-1', seq: 0, text: VIDEO_ANSWER });
    link.relay.postMessage({ type: 'stream-end', streamId: 's-1', chunks: 1, outcome: 'complete' });
    await vi.waitFor(async () => {
      const saved = parseWriteBacklog((await fakeBrowser.storage.local.get(WRITE_BACKLOG_KEY))[WRITE_BACKLOG_KEY]);
      expect(saved?.error).toMatch(/^QuotaExceededError/);
    });
    expect(posted).toEqual([]);
  });
});

describe('the write backlog keeps no secret', () => {
  it('holds page and endpoint URLs scrubbed, and reads an older backlog back scrubbed', async () => {
    const store = await flakyStore();
    const backlog = memoryBacklog();
    const queue = createWriteQueue({ store, backlog, schedule: () => {}, now: () => 0, onStored: () => {}, log: () => {} });
    const leaky: EntryUpdate = {
      ...update(1, 'done'),
      videoUrl: 'https://cdn.test/1.mp4?sig=keep',
      pageUrl: 'http://localhost:3000/c/1?access_token=leak1#leak2',
      endpointUrl: 'http://localhost:3000/v1/events?access_token=leak3',
    };
    void queue.write([leaky]);
    await queue.idle();
    expect(backlog.saved?.updates).toEqual([{ ...leaky, pageUrl: 'http://localhost:3000/c/1', endpointUrl: 'http://localhost:3000/v1/events' }]);
    expect(JSON.stringify(backlog.saved)).not.toMatch(/leak/);
    // An older version's backlog with the secrets still in it.
    expect(JSON.stringify(parseWriteBacklog({ updates: [leaky], error: 'e', since: 1 }))).not.toMatch(/leak/);
  });
});

describe('IndexedDB unavailable', () => {
  it('rejects with a clear error instead of throwing a TypeError, and the writes wait', async () => {
    const original = globalThis.indexedDB;
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const store = openVideoStore('unavailable');
      const error: unknown = await store.list().catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('InvalidStateError');
      expect((error as DOMException).message).toMatch(/IndexedDB is not available/);
      const backlog = memoryBacklog();
      const queue = createWriteQueue({ store, backlog, schedule: () => {}, now: () => 5, onStored: () => {}, log: () => {} });
      void queue.write([{ id: 'task:1:0', status: 'generating', site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 }]);
      await queue.idle();
      expect(backlog.saved?.error).toMatch(/^InvalidStateError/);
      expect(backlog.saved?.since).toBe(5);
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', { value: original, configurable: true });
    }
  });
});

describe('the popup says what is wrong and what to do', () => {
  const root = (): HTMLElement => {
    const { document } = parseHTML('<!doctype html><html><body><p id="notice"></p><main id="app"></main></body></html>');
    const app = document.getElementById('app');
    if (!app) throw new Error('no #app');
    return app;
  };

  it.each([
    [quotaError(), /no storage space left .*QuotaExceededError.*Free some disk space/],
    [new DOMException('IndexedDB is not available in this browser profile', 'InvalidStateError'), /database \(IndexedDB\) is not available.*private or locked-down/],
    [new ReferenceError('indexedDB is not defined'), /database \(IndexedDB\) is not available/],
    [new DOMException('Internal error opening backing store', 'UnknownError'), /database \(IndexedDB\) is not available/],
    [new DOMException('The requested version (2) is less than the existing version (3).', 'VersionError'), /updated while this popup was open. Close and reopen/],
    [new Error('boom'), /Could not read the video library: Error: boom. Close and reopen the popup/],
  ])('%s', (error, text) => {
    const app = root();
    renderGalleryError(app, error);
    const message = app.querySelector('.load-error');
    expect(message?.getAttribute('role')).toBe('alert');
    expect(message?.textContent).toMatch(text);
  });

  it('shows the waiting captures above the gallery, and hides the notice once they are stored', () => {
    const notice = root().ownerDocument.createElement('p');
    const backlog: WriteBacklog = { updates: [{ id: 'a', status: 'done', site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 }], error: 'QuotaExceededError: full', since: 1 };
    renderBacklogNotice(notice, backlog);
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toBe('1 captured change is not saved yet: the browser has no storage space left (QuotaExceededError: full). Video Keeper keeps them and retries; free some disk space.');
    renderBacklogNotice(notice, undefined);
    expect(notice.hidden).toBe(true);
  });

  it('reads only well-formed backlogs back', () => {
    expect(parseWriteBacklog(undefined)).toBeUndefined();
    expect(parseWriteBacklog({ updates: 'x', error: 'e', since: 1 })).toBeUndefined();
    expect(parseWriteBacklog({ updates: [{ id: 1 }], error: 'e', since: 1 })).toBeUndefined();
  });
});

describe('entries kept while failing', () => {
  it('never lose what was already stored', async () => {
    const store = await flakyStore();
    store.failing = false;
    await store.apply([{ id: 'task:1:0', status: 'done', videoUrl: 'https://cdn.test/1.mp4', site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 }]);
    store.failing = true;
    await expect(store.apply([{ id: 'task:2:0', status: 'generating', site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 }])).rejects.toThrow();
    expect((await store.list()).map((entry: VideoEntry) => entry.id)).toEqual(['task:1:0']);
  });
});

beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
