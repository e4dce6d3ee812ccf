import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import type { CapturePort } from '@/src/background/capture-service';
import type { BackgroundToRelayMessage } from '@/src/protocol/messages';
import { openVideoDb } from '@/src/store/video-db';
import { createFakePort } from '../../support/fake-port';
import { seedExpected, seedSse } from '../../support/seed';

// fakeBrowser has no runtime.onConnect nor downloads: give it the two the background uses.
const connectListeners: Array<(port: CapturePort & { name: string }) => void> = [];
const download = vi.fn(async () => 7);

beforeEach(() => {
  fakeBrowser.reset();
  // A fresh library per test: a video an earlier test stored would be old news to the next.
  globalThis.indexedDB = new IDBFactory();
  connectListeners.length = 0;
  download.mockClear();
  Object.assign(fakeBrowser.runtime, {
    onConnect: { addListener: (listener: (typeof connectListeners)[number]) => connectListeners.push(listener) },
  });
  Object.assign(fakeBrowser, { downloads: { download } });
  // Nor permissions.onAdded/onRemoved (rule packs' added apps); nothing here grants or revokes a site.
  Object.assign(fakeBrowser.permissions, { onAdded: { addListener: () => {} }, onRemoved: { addListener: () => {} } });
  background.main();
});

const extensionPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

async function captureSeed(streamId = 's-1'): Promise<void> {
  const port = Object.assign(
    createFakePort<unknown, BackgroundToRelayMessage>({ id: fakeBrowser.runtime.id, url: 'http://localhost:3000/', tab: { id: 3 } }),
    { name: 'capture' },
  );
  for (const listener of connectListeners) listener(port);
  port.deliver({ type: 'stream-open', streamId, endpointUrl: 'http://localhost:3000/v1/chat/completions', contentType: 'text/event-stream', startedAt: 1 });
  port.deliver({ type: 'stream-chunk', streamId, seq: 0, text: new TextDecoder().decode(seedSse) });
  port.deliver({ type: 'stream-end', streamId, chunks: 1, outcome: 'complete' });
  await vi.waitFor(() => expect(port.posted).toContainEqual({ type: 'stream-closed', streamId }));
}

describe('background', () => {
  it('stores a stream arriving on a capture port and downloads it on request from the popup', async () => {
    await captureSeed();
    const db = await openVideoDb();
    const [entry] = await db.getAll('videos');
    expect(entry).toMatchObject({ status: 'done', videoUrl: seedExpected.videos[0]!.video });

    const [response] = await fakeBrowser.runtime.onMessage.trigger({ type: 'download-entry', id: entry!.id }, extensionPage);
    expect(response).toEqual({ ok: true, downloadId: 7, filename: `一条狗_${seedExpected.videos[0]!.taskId}.mp4` });
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: seedExpected.videos[0]!.video, saveAs: false }));
    db.close();
  });

  it('downloads and notifies a new video once when the user switched both on', async () => {
    await fakeBrowser.storage.local.set({ settings: { fileNameTemplate: 'auto/{prompt} {taskId}', autoDownload: true, notifyDone: true } });
    const video = seedExpected.videos[0]!;
    await captureSeed();
    await vi.waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    expect(download).toHaveBeenCalledWith({ url: video.video, filename: `auto/一条狗 ${video.taskId}.mp4`, conflictAction: 'uniquify', saveAs: false });
    const id = `video-done:task:${video.taskId}:0`;
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([id]));
    expect((await fakeBrowser.notifications.getAll())[id]).toMatchObject({ title: 'Video Keeper', message: '一条狗' });

    // The same answer again (the chat reloaded, a relay's replay): old news.
    await fakeBrowser.notifications.clear(id);
    await captureSeed('s-2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(download).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});

    // A click on the notification opens the full gallery.
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(id);
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/gallery.html') });
  });

  it('neither downloads nor notifies by default', async () => {
    await captureSeed();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(download).not.toHaveBeenCalled();
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('answers no request from content scripts or other extensions', async () => {
    const fromPage = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'download-entry', id: 'x' },
      { id: fakeBrowser.runtime.id, url: 'http://localhost:3000/', tab: { id: 1, index: 0, highlighted: true, active: true, pinned: false, incognito: false } },
    );
    const fromStranger = await fakeBrowser.runtime.onMessage.trigger({ type: 'download-entry', id: 'x' }, { id: 'other', url: 'chrome-extension://other/' });
    expect([...fromPage, ...fromStranger].every((answer) => answer === undefined)).toBe(true);
    expect(download).not.toHaveBeenCalled();
  });

  it('refuses to download an entry that is unknown', async () => {
    const [response] = await fakeBrowser.runtime.onMessage.trigger({ type: 'download-entry', id: 'missing' }, extensionPage);
    expect(response).toMatchObject({ ok: false });
    expect(download).not.toHaveBeenCalled();
  });
});
