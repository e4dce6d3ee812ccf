import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createWriteQueue } from '@/src/background/write-queue';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { createVideoStore } from '@/src/store/video-store';

function update(index: number, status: EntryUpdate['status'], extra: Partial<EntryUpdate> = {}): EntryUpdate {
  return { id: `task:app:${index}:0`, status, site: 'https://app.test', pageUrl: 'https://app.test/', endpointUrl: 'https://app.test/api/list', index: 0, taskId: String(index), ...extra };
}

describe('write queue, a poll of an unchanged library', () => {
  it('tells of the entries a write changed only; a write that changed nothing makes no call', async () => {
    const store = createVideoStore(await openVideoDb(`write-queue-${Math.random()}`));
    let clock = 1000;
    const stored: { ids: string[]; writtenAt: number }[] = [];
    const queue = createWriteQueue({
      store,
      schedule: () => {},
      now: () => (clock += 1),
      onStored: (entries: VideoEntry[], writtenAt) => stored.push({ ids: entries.map((entry) => entry.id), writtenAt }),
      log: () => {},
    });
    const library = [1, 2, 3].map((index) => update(index, 'done', { videoUrl: `https://cdn.app.test/${index}.mp4` }));
    await queue.write(library);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.ids).toHaveLength(3);

    await queue.write(library);
    await queue.write(library);
    expect(stored).toHaveLength(1);

    // One item changed (a new one generating): only it is told of.
    await queue.write([...library, update(4, 'generating', { percent: 30 })]);
    expect(stored.map((write) => write.ids)).toEqual([library.map((item) => item.id), ['task:app:4:0']]);
  });
});

describe('write queue, what a write resolves with', () => {
  it('includes the entry an update was merged into by its video key, under that entry’s id', async () => {
    const store = createVideoStore(await openVideoDb(`write-queue-${Math.random()}`));
    const queue = createWriteQueue({ store, schedule: () => {}, now: () => 1000, onStored: () => {}, log: () => {} });
    await queue.write([update(7, 'done', { videoUrl: 'https://cdn.app.test/7.mp4?sig=old' })]);
    // The same video, re-signed, named by another way in (a right-click keep, an import).
    const kept = await queue.write([{ ...update(7, 'done', { videoUrl: 'https://cdn.app.test/7.mp4?sig=new' }), id: 'url:https://cdn.app.test/7.mp4', taskId: undefined }]);
    expect(kept.map((entry) => entry.id)).toEqual(['task:app:7:0']);
    expect(await queue.write([update(8, 'done', { videoUrl: 'https://cdn.app.test/8.mp4' })])).toHaveLength(1);
  });
});
