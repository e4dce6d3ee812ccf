import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { isNewBrowserSession } from '@/src/background/browser-session';
import { STALE_AFTER_MS } from '@/src/background/stale-entries';
import { createStaleSweeper } from '@/src/background/stale-sweeper';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';

let count = 0;
async function storeWith(updates: EntryUpdate[], at: number): Promise<VideoStore> {
  const store = createVideoStore(await openVideoDb(`sweeper-${++count}`));
  await store.apply(updates, at);
  return store;
}
const common = { site: 's', pageUrl: 'p', endpointUrl: 'e', index: 0 };
const generating: EntryUpdate = { ...common, id: 'task:1:0', status: 'generating', taskId: '1' };
const streamingVideo: EntryUpdate = { ...common, id: 'task:2:0', status: 'partial', videoUrl: 'https://cdn.test/2.mp4' };
const done: EntryUpdate = { ...common, id: 'task:3:0', status: 'done', videoUrl: 'https://cdn.test/3.mp4' };

function sweeper(store: VideoStore, now: number, options: { live?: string[]; staleAfterMs?: number } = {}) {
  const wakeLater = vi.fn();
  const onEntriesChanged = vi.fn();
  const log = vi.fn();
  const sweep = createStaleSweeper({
    store,
    liveEntryIds: () => new Set(options.live ?? []),
    wakeLater,
    onEntriesChanged,
    now: () => now,
    log,
    ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
  });
  return { ...sweep, wakeLater, onEntriesChanged, log };
}

describe('createStaleSweeper', () => {
  it('leaves streaming entries alone for the delay, then ends them as interrupted', async () => {
    const store = await storeWith([generating, streamingVideo, done], 1000);
    const early = sweeper(store, 1000 + STALE_AFTER_MS - 1);
    await early.sweep();
    expect(early.onEntriesChanged).not.toHaveBeenCalled();
    expect(early.wakeLater).toHaveBeenCalledWith(true, STALE_AFTER_MS);

    const late = sweeper(store, 1000 + STALE_AFTER_MS);
    await late.sweep();
    expect(await store.get('task:1:0')).toMatchObject({ status: 'failed', failureReason: 'interrupted' });
    // A kept link is never failed: the partial entry only learns why it stopped.
    expect(await store.get('task:2:0')).toMatchObject({ status: 'partial', partialReason: 'interrupted', videoUrl: 'https://cdn.test/2.mp4' });
    expect(await store.get('task:3:0')).toMatchObject({ status: 'done' });
    expect(late.onEntriesChanged).toHaveBeenCalledOnce();
    expect(late.wakeLater).toHaveBeenLastCalledWith(false, STALE_AFTER_MS);
  });

  it('takes its delay as an option', async () => {
    const store = await storeWith([generating], 1000);
    await sweeper(store, 1050, { staleAfterMs: 50 }).sweep();
    expect(await store.get('task:1:0')).toMatchObject({ status: 'failed' });
  });

  it('never ends an entry whose stream is live', async () => {
    const store = await storeWith([generating], 1000);
    await sweeper(store, 1000 + 10 * STALE_AFTER_MS, { live: ['task:1:0'] }).sweep();
    expect(await store.get('task:1:0')).toMatchObject({ status: 'generating' });
  });

  it('ends every streaming entry at once when a browser session starts', async () => {
    const store = await storeWith([generating, streamingVideo], 1000);
    await sweeper(store, 1001).sweep({ sessionStart: true });
    expect((await store.list()).map((entry) => [entry.id, entry.status, entry.failureReason ?? entry.partialReason]).sort()).toEqual([
      ['task:1:0', 'failed', 'interrupted'],
      ['task:2:0', 'partial', 'interrupted'],
    ]);
  });

  it('never rejects: a failing store is logged and tried again later', async () => {
    const failing = { failStale: () => Promise.reject(new DOMException('gone', 'UnknownError')), list: () => Promise.resolve([]) };
    const wakeLater = vi.fn();
    const log = vi.fn();
    await createStaleSweeper({ store: failing, liveEntryIds: () => new Set(), wakeLater, onEntriesChanged: () => {}, now: () => 0, log }).sweep();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('UnknownError'));
    expect(wakeLater).toHaveBeenCalledWith(true, STALE_AFTER_MS);
  });
});

describe('isNewBrowserSession', () => {
  function sessionArea() {
    const items: Record<string, unknown> = {};
    return {
      get: async (key: string) => (key in items ? { [key]: items[key] } : {}),
      set: async (values: Record<string, unknown>) => void Object.assign(items, values),
    };
  }

  it('is true for the first worker of a session only', async () => {
    const area = sessionArea();
    expect(await isNewBrowserSession(area, 1)).toBe(true);
    expect(await isNewBrowserSession(area, 2)).toBe(false);
    // The browser restarted: storage.session is empty again.
    expect(await isNewBrowserSession(sessionArea(), 3)).toBe(true);
  });

  it('is false when storage.session is missing or fails, so entries wait for the usual delay', async () => {
    expect(await isNewBrowserSession(undefined, 1)).toBe(false);
    expect(await isNewBrowserSession({ get: () => Promise.reject(new Error('no')), set: async () => {} }, 1)).toBe(false);
  });
});
