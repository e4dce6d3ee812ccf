import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';

let store: VideoStore;
let dbCount = 0;

beforeEach(async () => {
  dbCount += 1;
  store = createVideoStore(await openVideoDb(`test-${dbCount}`));
});

const base: EntryUpdate = {
  id: 'task:1:0',
  status: 'generating',
  progress: 1,
  prompt: '一条狗',
  taskId: '1',
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
};
const done: EntryUpdate = { ...base, status: 'done', progress: 6, videoUrl: 'https://cdn.test/1.mp4', coverUrl: 'https://cdn.test/1.jpg' };

describe('video store', () => {
  it('stores one entry per video however often the answer is replayed', async () => {
    await store.apply([base], 1000);
    await store.apply([done], 2000);
    await store.apply([base, done], 3000);
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'done', progress: 6, videoUrl: done.videoUrl, createdAt: 1000 });
  });

  it('never turns done back into generating or failed', async () => {
    await store.apply([done], 1000);
    await store.apply([{ ...base, status: 'failed', failureReason: 'no-result' }], 2000);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'done' });
    expect((await store.get('task:1:0'))?.failureReason).toBeUndefined();
  });

  it('lets a late result turn a failed entry into done', async () => {
    await store.apply([{ ...base, status: 'failed', failureReason: 'stream-error' }], 1000);
    await store.apply([done], 2000);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'done', videoUrl: done.videoUrl });
  });

  it('revives only an interrupted entry when its stream is replayed', async () => {
    await store.apply([{ ...base, status: 'failed', failureReason: 'interrupted' }], 1000);
    await store.apply([base], 2000);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'generating' });

    await store.apply([{ ...base, id: 'task:2:0', status: 'failed', failureReason: 'no-result' }], 1000);
    await store.apply([{ ...base, id: 'task:2:0' }], 2000);
    expect(await store.get('task:2:0')).toMatchObject({ status: 'failed', failureReason: 'no-result' });
  });

  describe('partial entries', () => {
    const partial: EntryUpdate = { ...done, status: 'partial' };

    it('keep their link against generating and failed updates, and become done on a clean end', async () => {
      await store.apply([partial], 1000);
      await store.apply([base, { ...base, status: 'failed', failureReason: 'no-result' }], 2000);
      expect(await store.get('task:1:0')).toMatchObject({ status: 'partial', videoUrl: done.videoUrl });
      expect((await store.get('task:1:0'))?.failureReason).toBeUndefined();
      await store.apply([done], 3000);
      expect(await store.get('task:1:0')).toMatchObject({ status: 'done' });
    });

    it('never take a done entry back', async () => {
      await store.apply([done], 1000);
      await store.apply([{ ...partial, partialReason: 'stream-error', truncated: true }], 2000);
      const stored = await store.get('task:1:0');
      expect(stored).toMatchObject({ status: 'done' });
      expect(stored?.partialReason).toBeUndefined();
      expect(stored?.truncated).toBeUndefined();
    });

    it('turn a failed entry into partial when a late link arrives', async () => {
      await store.apply([{ ...base, status: 'failed', failureReason: 'stream-error' }], 1000);
      await store.apply([{ ...partial, partialReason: 'interrupted' }], 2000);
      expect(await store.get('task:1:0')).toMatchObject({ status: 'partial', partialReason: 'interrupted' });
    });

    it('keep the reason of their break while a replay still streams, and take the latest break', async () => {
      await store.apply([{ ...partial, partialReason: 'interrupted' }], 1000);
      await store.apply([partial], 2000);
      expect(await store.get('task:1:0')).toMatchObject({ status: 'partial', partialReason: 'interrupted' });
      await store.apply([{ ...partial, partialReason: 'truncated', truncated: true }], 3000);
      expect(await store.get('task:1:0')).toMatchObject({ partialReason: 'truncated', truncated: true });
    });

    it('are ended as interrupted by failStale only while they still stream', async () => {
      await store.apply([partial, { ...partial, id: 'task:2:0', videoUrl: 'https://cdn.test/2.mp4', partialReason: 'stream-error' }], 1000);
      const ended = await store.failStale(() => true, 5000);
      expect(ended.map((entry) => [entry.id, entry.status, entry.partialReason])).toEqual([['task:1:0', 'partial', 'interrupted']]);
    });
  });

  it('marks a failed entry cut at a cap as truncated, until a clean capture makes it done', async () => {
    await store.apply([{ ...base, status: 'failed', failureReason: 'truncated', truncated: true }], 1000);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'failed', failureReason: 'truncated', truncated: true });
    await store.apply([done], 2000);
    expect((await store.get('task:1:0'))?.truncated).toBeUndefined();
  });

  it('dedupes on the video URL across ids', async () => {
    await store.apply([{ ...done, id: 'url:https://cdn.test/1.mp4', taskId: undefined }], 1000);
    await store.apply([done], 2000);
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ id: 'url:https://cdn.test/1.mp4', taskId: '1' });
  });

  it('lists newest first', async () => {
    await store.apply([{ ...done, id: 'a', videoUrl: 'https://cdn.test/a.mp4' }], 1000);
    await store.apply([{ ...done, id: 'b', videoUrl: 'https://cdn.test/b.mp4' }], 3000);
    await store.apply([{ ...done, id: 'c', videoUrl: 'https://cdn.test/c.mp4' }], 2000);
    expect((await store.list()).map((entry) => entry.id)).toEqual(['b', 'c', 'a']);
  });

  it('fails stale generating entries as interrupted and leaves the rest', async () => {
    await store.apply([base, { ...base, id: 'task:3:0' }, { ...done, id: 'task:4:0', videoUrl: 'https://cdn.test/4.mp4' }], 1000);
    const failed = await store.failStale((entry) => entry.id === 'task:1:0', 5000);
    expect(failed.map((entry) => entry.id)).toEqual(['task:1:0']);
    expect(await store.get('task:1:0')).toMatchObject({ status: 'failed', failureReason: 'interrupted', updatedAt: 5000 });
    expect(await store.get('task:3:0')).toMatchObject({ status: 'generating' });
  });

  describe('signed links', () => {
    const signed = (expires: number) => `https://b.oss-cn-beijing.aliyuncs.com/out/7.mp4?OSSAccessKeyId=L&Expires=${expires}&Signature=s${expires}`;
    const cover = (expires: number) => `https://b.oss-cn-beijing.aliyuncs.com/out/7.jpg?OSSAccessKeyId=L&Expires=${expires}&Signature=c${expires}`;
    const video = (expires: number, id = 'url:https://b.oss-cn-beijing.aliyuncs.com/out/7.mp4'): EntryUpdate => ({
      ...done,
      id,
      taskId: undefined,
      videoUrl: signed(expires),
      coverUrl: cover(expires),
      expiresAt: expires * 1000,
    });

    it('keeps one entry for one video however often its link is signed again', async () => {
      await store.apply([video(1_742_976_000)], 1000);
      await store.apply([video(1_742_979_600, 'task:7:0')], 2000);
      await store.apply([{ ...video(1_742_983_200), videoKey: undefined }], 3000);
      const entries = await store.list();
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ createdAt: 1000, videoKey: 'https://b.oss-cn-beijing.aliyuncs.com/out/7.mp4' });
    });

    it('moves to the link that lives longer, with its expiry and cover, never back', async () => {
      await store.apply([video(1_742_979_600)], 1000);
      const [fresher] = await store.apply([video(1_742_983_200)], 2000);
      expect(fresher).toMatchObject({ videoUrl: signed(1_742_983_200), coverUrl: cover(1_742_983_200), expiresAt: 1_742_983_200_000 });
      const [older] = await store.apply([video(1_742_976_000)], 3000);
      expect(older).toMatchObject({ videoUrl: signed(1_742_983_200), expiresAt: 1_742_983_200_000 });
    });

    it('prefers a link that does not expire and keeps it', async () => {
      await store.apply([video(1_742_979_600)], 1000);
      const unsigned = 'https://b.oss-cn-beijing.aliyuncs.com/out/7.mp4';
      const [stored] = await store.apply([{ ...video(0), videoUrl: unsigned, expiresAt: undefined, coverUrl: undefined }], 2000);
      expect(stored).toMatchObject({ videoUrl: unsigned, coverUrl: cover(1_742_979_600) });
      expect(stored?.expiresAt).toBeUndefined();
      const [after] = await store.apply([video(1_742_999_999)], 3000);
      expect(after?.videoUrl).toBe(unsigned);
    });
  });

  it('keeps needsCheck until an update of the same video comes without it', async () => {
    const proxy: EntryUpdate = { ...done, videoUrl: 'https://proxy.test/file/abc', coverUrl: undefined, needsCheck: true };
    await store.apply([proxy], 1000);
    expect(await store.get('task:1:0')).toMatchObject({ needsCheck: true, videoKey: 'https://proxy.test/file/abc' });
    await store.apply([proxy], 2000);
    expect(await store.get('task:1:0')).toMatchObject({ needsCheck: true });
    await store.apply([{ ...proxy, needsCheck: undefined }], 3000);
    expect((await store.get('task:1:0'))?.needsCheck).toBeUndefined();
    await store.apply([proxy], 4000);
    expect((await store.get('task:1:0'))?.needsCheck).toBeUndefined();
  });
});

describe('video store, unchanged updates', () => {
  it('writes nothing for an update that changes nothing: the entry comes back with its old updatedAt, and no put reaches IndexedDB', async () => {
    const { IDBObjectStore } = globalThis as unknown as { IDBObjectStore: { prototype: { put: (...args: unknown[]) => unknown } } };
    const put = IDBObjectStore.prototype.put;
    let puts = 0;
    IDBObjectStore.prototype.put = function (this: unknown, ...args: unknown[]) {
      puts += 1;
      return put.apply(this, args);
    };
    try {
      const [first] = await store.apply([done], 1000);
      expect(puts).toBe(1);
      const [again] = await store.apply([done], 2000);
      expect(puts).toBe(1);
      expect(again).toEqual(first);
      expect(again?.updatedAt).toBe(1000);
      // A change (a later expiry, a size the site now gives) is written.
      const [grown] = await store.apply([{ ...done, width: 1280 }], 3000);
      expect(puts).toBe(2);
      expect(grown).toMatchObject({ width: 1280, updatedAt: 3000, createdAt: 1000 });
      // The replayed generating update of a done entry changes nothing either.
      await store.apply([base], 4000);
      expect(puts).toBe(2);
      expect((await store.get(done.id))?.updatedAt).toBe(3000);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});
