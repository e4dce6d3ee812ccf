import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { markSessionSwept, sessionSweepDue, SESSION_SWEPT_KEY } from '@/src/background/browser-session';
import { STALE_AFTER_MS } from '@/src/background/stale-entries';
import { createStaleSweeper, sweepAtWorkerStart } from '@/src/background/stale-sweeper';
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
    expect(await sweeper(store, 1001).sweep({ sessionStartedAt: 1001 })).toBe(true);
    expect((await store.list()).map((entry) => [entry.id, entry.status, entry.failureReason ?? entry.partialReason]).sort()).toEqual([
      ['task:1:0', 'failed', 'interrupted'],
      ['task:2:0', 'partial', 'interrupted'],
    ]);
  });

  it('leaves an entry of this session to the usual delay in the session sweep', async () => {
    const store = await storeWith([generating], 2000);
    await sweeper(store, 2001).sweep({ sessionStartedAt: 1500 });
    expect(await store.get('task:1:0')).toMatchObject({ status: 'generating' });
  });

  it('never rejects: a failing store is logged and tried again later', async () => {
    const failing = { failStale: () => Promise.reject(new DOMException('gone', 'UnknownError')), list: () => Promise.resolve([]) };
    const wakeLater = vi.fn();
    const log = vi.fn();
    expect(await createStaleSweeper({ store: failing, liveEntryIds: () => new Set(), wakeLater, onEntriesChanged: () => {}, now: () => 0, log }).sweep()).toBe(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('UnknownError'));
    expect(wakeLater).toHaveBeenCalledWith(true, STALE_AFTER_MS);
  });
});

function sessionArea() {
  const items: Record<string, unknown> = {};
  return {
    items,
    get: async (key: string) => (key in items ? { [key]: items[key] } : {}),
    set: async (values: Record<string, unknown>) => void Object.assign(items, values),
  };
}

describe('sessionSweepDue', () => {
  it('gives the session start until a worker of the session has swept', async () => {
    const area = sessionArea();
    expect(await sessionSweepDue(area, 1)).toBe(1);
    // A worker stopped before its sweep was done: the next one does it, from the same start.
    expect(await sessionSweepDue(area, 2)).toBe(1);
    await markSessionSwept(area, 3);
    expect(area.items[SESSION_SWEPT_KEY]).toBe(3);
    expect(await sessionSweepDue(area, 4)).toBeUndefined();
    // The browser restarted: storage.session is empty again.
    expect(await sessionSweepDue(sessionArea(), 5)).toBe(5);
  });

  it('is undefined when storage.session is missing or fails, so entries wait for the usual delay', async () => {
    expect(await sessionSweepDue(undefined, 1)).toBeUndefined();
    expect(await sessionSweepDue({ get: () => Promise.reject(new Error('no')), set: async () => {} }, 1)).toBeUndefined();
  });
});

describe('sweepAtWorkerStart', () => {
  it('sweeps as the session once, and says so in storage.session; later workers sweep as usual', async () => {
    const store = await storeWith([generating], 1000);
    const area = sessionArea();
    const first = sweeper(store, 1001);
    await sweepAtWorkerStart(first, area, () => 1001);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'failed' });
    expect(area.items[SESSION_SWEPT_KEY]).toBe(1001);

    const later = await storeWith([{ ...generating, id: 'task:9:0', taskId: '9' }], 900);
    await sweepAtWorkerStart(sweeper(later, 1002), area, () => 1002);
    expect(await later.get('task:9:0')).toMatchObject({ status: 'generating' });
  });

  it('leaves the session sweep to the next worker when the store failed', async () => {
    const area = sessionArea();
    const failing = { failStale: () => Promise.reject(new Error('gone')), list: () => Promise.resolve([]) };
    await sweepAtWorkerStart(createStaleSweeper({ store: failing, liveEntryIds: () => new Set(), wakeLater: () => {}, onEntriesChanged: () => {}, now: () => 1, log: () => {} }), area, () => 1);
    expect(area.items[SESSION_SWEPT_KEY]).toBeUndefined();
    expect(await sessionSweepDue(area, 2)).toBe(1);
  });
});
