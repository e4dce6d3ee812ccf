import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import {
  createContextMenuKeeper,
  keepVideoMenuItems,
  KEEP_VIDEO_LINK_MENU,
  KEEP_VIDEO_MENU,
  VIDEO_LINK_PATTERNS,
} from '@/src/context-menu/keep-this-video';
import { listenToKeepVideoMenus, type ContextMenusApi } from '@/src/context-menu/register-menus';
import { createWriteQueue } from '@/src/background/write-queue';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore } from '@/src/store/video-store';

let count = 0;
async function setup(poster: unknown = 'https://cdn.example/poster.jpg') {
  const store = createVideoStore(await openVideoDb(`context-menu-${++count}`));
  const readPoster = vi.fn(async () => poster);
  const onEntriesChanged = vi.fn();
  let now = 10;
  const clock = () => ++now;
  const queue = createWriteQueue({ store, schedule: (run, ms) => setTimeout(run, ms), now: clock, onStored: onEntriesChanged, log: () => {} });
  const keeper = createContextMenuKeeper({ readPoster, write: (updates) => queue.write(updates), now: clock });
  return { store, keeper, readPoster, onEntriesChanged };
}

const tab = { id: 4, url: 'https://chat.example/c/9', title: 'A chat about dogs' };

describe('keepVideoMenuItems', () => {
  it('shows on every <video>, and on links to video files only', () => {
    const [video, link] = keepVideoMenuItems('Keep this video');
    expect(video).toEqual({ id: KEEP_VIDEO_MENU, title: 'Keep this video', contexts: ['video'] });
    expect(link).toMatchObject({ id: KEEP_VIDEO_LINK_MENU, contexts: ['link'] });
    expect(link?.targetUrlPatterns).toEqual(VIDEO_LINK_PATTERNS);
    expect(VIDEO_LINK_PATTERNS).toContain('*://*/*.mp4');
    expect(VIDEO_LINK_PATTERNS).toContain('*://*/*.mp4?*');
    expect(VIDEO_LINK_PATTERNS).toContain('*://*/*.WEBM');
  });
});

describe('createContextMenuKeeper', () => {
  it('keeps a clicked <video> with its poster read from the clicked frame, the page and its title', async () => {
    const { store, keeper, readPoster, onEntriesChanged } = await setup();
    const result = await keeper.onClicked(
      { menuItemId: KEEP_VIDEO_MENU, mediaType: 'video', srcUrl: 'https://cdn.example/v/1.mp4', pageUrl: tab.url, frameId: 7 },
      tab,
    );
    expect(result).toEqual({ kept: true, added: true, entryId: 'url:https://cdn.example/v/1.mp4' });
    expect(readPoster).toHaveBeenCalledWith(4, 7, 'https://cdn.example/v/1.mp4');
    expect(onEntriesChanged).toHaveBeenCalledOnce();
    expect(await store.get('url:https://cdn.example/v/1.mp4')).toMatchObject({
      status: 'done',
      videoUrl: 'https://cdn.example/v/1.mp4',
      coverUrl: 'https://cdn.example/poster.jpg',
      pageUrl: tab.url,
      site: 'https://chat.example',
      prompt: 'A chat about dogs',
      source: 'context-menu',
    });
    // Twice is once.
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_MENU, srcUrl: 'https://cdn.example/v/1.mp4' }, tab)).toMatchObject({ kept: true, added: false });
    expect(await store.list()).toHaveLength(1);
  });

  it('keeps a link to a video file without reading any poster', async () => {
    const { store, keeper, readPoster } = await setup();
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_LINK_MENU, linkUrl: 'https://files.example/clip.webm?sig=1', pageUrl: tab.url }, tab)).toMatchObject({ kept: true });
    expect(readPoster).not.toHaveBeenCalled();
    expect((await store.list())[0]).toMatchObject({ videoUrl: 'https://files.example/clip.webm?sig=1', source: 'context-menu' });
    expect((await store.list())[0]?.coverUrl).toBeUndefined();
  });

  it('refuses blob: (MediaSource) sources, images, pages, other menus, and a poster that is not http(s)', async () => {
    const { store, keeper } = await setup('javascript:alert(1)');
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_MENU, srcUrl: 'blob:https://chat.example/1' }, tab)).toEqual({ kept: false, reason: 'stream' });
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_LINK_MENU, linkUrl: 'https://chat.example/a.png' }, tab)).toEqual({ kept: false, reason: 'not-video' });
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_LINK_MENU, linkUrl: 'javascript:void(0)' }, tab)).toEqual({ kept: false, reason: 'not-video' });
    expect(await keeper.onClicked({ menuItemId: 'someone-else', linkUrl: 'https://a.example/a.mp4' }, tab)).toEqual({ kept: false, reason: 'other-menu' });
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_MENU, srcUrl: 'https://a.example/a.mp4' }, { id: 1, url: 'chrome://newtab/' })).toEqual({ kept: false, reason: 'no-page' });
    expect(await store.list()).toEqual([]);
    await keeper.onClicked({ menuItemId: KEEP_VIDEO_MENU, srcUrl: 'https://a.example/a.mp4' }, tab);
    expect((await store.list())[0]?.coverUrl).toBeUndefined();
  });

  it('keeps the video without a cover when the poster cannot be read', async () => {
    const { store } = await setup();
    const keeper = createContextMenuKeeper({
      readPoster: () => Promise.reject(new Error('Cannot access contents of the page')),
      write: (updates) => store.apply(updates, 1),
      now: () => 1,
    });
    expect(await keeper.onClicked({ menuItemId: KEEP_VIDEO_MENU, srcUrl: 'https://a.example/b.mp4' }, tab)).toMatchObject({ kept: true });
  });
});

describe('listenToKeepVideoMenus', () => {
  it('listens at once and installs both items after removing old ones; without the API it does nothing', async () => {
    const calls: string[] = [];
    const api: ContextMenusApi = {
      create: (item) => calls.push(`create ${item.id}`),
      removeAll: async () => {
        calls.push('removeAll');
      },
      onClicked: { addListener: () => calls.push('listen') },
    };
    const menus = listenToKeepVideoMenus(api, 'Keep this video', () => {}, () => {});
    expect(calls).toEqual(['listen']);
    await menus.install();
    expect(calls).toEqual(['listen', 'removeAll', `create ${KEEP_VIDEO_MENU}`, `create ${KEEP_VIDEO_LINK_MENU}`]);
    await expect(listenToKeepVideoMenus(undefined, 'x', () => {}, () => {}).install()).resolves.toBeUndefined();
  });
});
