import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { openDB, unwrap } from 'idb';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { createGalleryRefresher } from '@/src/gallery/refresh-gallery';
import type { GalleryActions } from '@/src/gallery/render-gallery';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { createVideoDbConnection, openVideoDb, VIDEO_DB_VERSION } from '@/src/store/video-db';
import { openVideoStore } from '@/src/store/video-store';

/**
 * Two contexts on one database (the popup and the worker, or an old page and a new version):
 * an open popup never blocks an upgrade (`versionchange` closes it), a connection the browser
 * closes (`terminated`) is reopened on next use, and an open that an old page does block
 * (`blocked`) says so and goes on once that page closes.
 */

const update = (id: string): EntryUpdate => ({
  id,
  status: 'done',
  videoUrl: `https://cdn.test/${id}.mp4`,
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
});
let names = 0;
const freshName = (): string => `upgrade-${++names}`;
const actions: GalleryActions = {
  download: async () => ({ ok: false, error: 'unused' }),
  copyLink: async () => {},
  openVideo: () => {},
};

describe('an open popup and an upgrade', () => {
  it('steps aside for a newer version, and then says to reopen the popup', async () => {
    const name = freshName();
    const popup = openVideoStore(name);
    await popup.apply([update('a')]);
    expect(await popup.list()).toHaveLength(1);

    // The extension updates: its new worker opens the next version while the popup is open.
    const blocked = vi.fn();
    const newer = await openDB(name, VIDEO_DB_VERSION + 1, { blocked });
    expect(blocked).not.toHaveBeenCalled();
    expect(await newer.count('videos')).toBe(1);

    // The old popup's code cannot open the newer database: its gallery says what to do.
    const { document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
    const root = document.getElementById('app') as HTMLElement;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await createGalleryRefresher(root, () => popup.list(), actions)();
    expect(root.querySelector('.load-error')?.textContent).toMatch(/updated while this popup was open\. Close and reopen the popup/);
    newer.close();
    vi.restoreAllMocks();
  });

  it('lets two connections of the same version work side by side', async () => {
    const name = freshName();
    const popup = openVideoStore(name);
    const worker = openVideoStore(name);
    await worker.apply([update('a')]);
    expect((await popup.list()).map((entry) => entry.id)).toEqual(['a']);
    await popup.apply([update('b')]);
    expect((await worker.list()).map((entry) => entry.id).sort()).toEqual(['a', 'b']);
  });

  it('finishes a write in flight before stepping aside', async () => {
    const name = freshName();
    const worker = openVideoStore(name);
    await worker.list();
    const writing = worker.apply([update('a'), update('b'), update('c')]);
    const blocked = vi.fn();
    const newer = openDB(name, VIDEO_DB_VERSION + 1, { blocked });
    expect((await writing).map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
    const db = await newer;
    expect(await db.count('videos')).toBe(3);
    expect(blocked).not.toHaveBeenCalled();
    db.close();
  });
});

describe('a connection the browser closes (terminated)', () => {
  it('is opened again on next use', async () => {
    const name = freshName();
    const onClose = vi.fn();
    const db = await openVideoDb(name, { onClose });
    forceCloseDatabase(unwrap(db) as never);
    expect(onClose).toHaveBeenCalledOnce();

    const connection = createVideoDbConnection(name);
    const first = await connection();
    const store = openVideoStore(name);
    await store.apply([update('a')]);
    forceCloseDatabase(unwrap(first) as never);
    const second = await connection();
    expect(second).not.toBe(first);
    expect(await second.count('videos')).toBe(1);
    // The store's own connection was closed the same way by now in a real browser; it reopens too.
    expect((await store.list()).map((entry) => entry.id)).toEqual(['a']);
  });
});

describe('an upgrade an old page blocks', () => {
  it('says it is blocked, and upgrades once the old page closes', async () => {
    const name = freshName();
    // An old page that ignores versionchange (no `blocking` handler closes it).
    const old = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('videos', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
      },
    });
    const onBlocked = vi.fn();
    const upgrading = openVideoDb(name, { onBlocked });
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled());
    old.close();
    const db = await upgrading;
    expect(db.version).toBe(VIDEO_DB_VERSION);
    db.close();
  });
});
