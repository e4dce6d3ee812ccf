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
});
