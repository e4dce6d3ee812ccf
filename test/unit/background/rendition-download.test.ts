import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';

const download = vi.fn(async () => 9);

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  download.mockClear();
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => {} } });
  Object.assign(fakeBrowser, { downloads: { download } });
  Object.assign(fakeBrowser.permissions, { onAdded: { addListener: () => {} }, onRemoved: { addListener: () => {} } });
  background.main();
});

const extensionPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/gallery.html') };

const entry: VideoEntry = {
  id: 'task:kling:777:0',
  status: 'done',
  progress: 0,
  videoUrl: 'https://cdn.example/v/777.mp4',
  videoKey: 'https://cdn.example/v/777.mp4',
  alternates: ['https://cdn.example/v/777_watermark.mp4', 'https://cdn.example/v/777.gif'],
  prompt: '一条狗',
  taskId: '777',
  site: 'https://klingai.com',
  pageUrl: 'https://klingai.com/app',
  endpointUrl: 'https://klingai.com/api/task',
  index: 0,
  createdAt: 1,
  updatedAt: 1,
};

describe('download-entry with a rendition', () => {
  it('downloads an alternate under the template name with a suffix, and refuses one that is not there', async () => {
    const db = await openVideoDb();
    await db.put('videos', entry);
    db.close();
    const ask = async (message: object) => (await fakeBrowser.runtime.onMessage.trigger(message, extensionPage))[0] as unknown;

    expect(await ask({ type: 'download-entry', id: entry.id, rendition: 2 })).toEqual({ ok: true, downloadId: 9, filename: '一条狗_777-alt2.gif' });
    expect(download).toHaveBeenLastCalledWith(expect.objectContaining({ url: 'https://cdn.example/v/777.gif', filename: '一条狗_777-alt2.gif' }));
    expect(await ask({ type: 'download-entry', id: entry.id })).toMatchObject({ ok: true, filename: '一条狗_777.mp4' });
    expect(download).toHaveBeenLastCalledWith(expect.objectContaining({ url: entry.videoUrl }));
    expect(await ask({ type: 'download-entry', id: entry.id, rendition: 3 })).toMatchObject({ ok: false });
    // A number out of range or of the wrong type is dropped at the edge: the video itself downloads.
    expect(await ask({ type: 'download-entry', id: entry.id, rendition: '1' })).toMatchObject({ ok: true, filename: '一条狗_777.mp4' });
    expect(download).toHaveBeenCalledTimes(3);
  });
});
