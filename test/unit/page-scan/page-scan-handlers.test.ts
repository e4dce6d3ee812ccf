import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createPageScanHandlers } from '@/src/page-scan/page-scan-handlers';
import { keptVideoUpdate } from '@/src/page-scan/found-video-entry';
import { createWriteQueue } from '@/src/background/write-queue';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore } from '@/src/store/video-store';

let count = 0;
async function setup() {
  const store = createVideoStore(await openVideoDb(`page-scan-${++count}`));
  let now = 1_000;
  const onEntriesChanged = vi.fn();
  const probe = vi.fn(async (url: string) => (url.includes('video') ? ('video' as const) : ('not-video' as const)));
  const clock = () => ++now;
  const queue = createWriteQueue({ store, schedule: (run, ms) => setTimeout(run, ms), now: clock, onStored: onEntriesChanged, log: () => {} });
  const handlers = createPageScanHandlers({ write: (updates) => queue.write(updates), probe, now: clock });
  return { store, handlers, onEntriesChanged, probe };
}

describe('keptVideoUpdate', () => {
  it('makes a done entry keyed like a live capture, with the page, its title as prompt fallback and the source', () => {
    expect(
      keptVideoUpdate(
        { url: 'https://cdn.example/a.mp4?Expires=4102444800&Signature=x', key: 'https://cdn.example/a.mp4', coverUrl: 'https://cdn.example/a.jpg' },
        { pageUrl: 'https://user:pw@chat.example/c/1#end', title: '  My   chat ' },
        'found-on-page',
      ),
    ).toEqual({
      id: 'url:https://cdn.example/a.mp4',
      status: 'done',
      progress: 0,
      videoUrl: 'https://cdn.example/a.mp4?Expires=4102444800&Signature=x',
      videoKey: 'https://cdn.example/a.mp4',
      expiresAt: 4102444800000,
      coverUrl: 'https://cdn.example/a.jpg',
      prompt: 'My chat',
      site: 'https://chat.example',
      pageUrl: 'https://chat.example/c/1#end',
      endpointUrl: 'https://chat.example/c/1#end',
      index: 0,
      source: 'found-on-page',
    });
    expect(keptVideoUpdate({ url: 'https://a.example/1.mp4', key: 'k', prompt: 'a dog' }, { pageUrl: 'https://a.example/', title: 'T' }, 'context-menu')?.prompt).toBe('a dog');
    expect(keptVideoUpdate({ url: 'https://a.example/1.mp4', key: 'k' }, { pageUrl: 'chrome://newtab/' }, 'found-on-page')).toBeUndefined();
  });
});

describe('createPageScanHandlers', () => {
  it('stores kept videos once: a second keep of the same videos adds nothing', async () => {
    const { store, handlers, onEntriesChanged } = await setup();
    const request = {
      type: 'keep-found-videos' as const,
      pageUrl: 'https://chat.example/c/1',
      title: 'Chat',
      videos: [
        { url: 'https://cdn.example/a.mp4', coverUrl: 'https://cdn.example/a.jpg', prompt: 'a dog' },
        { url: 'https://cdn.example/b.webm' },
        { url: 'javascript:alert(1)' },
      ],
    };
    expect(await handlers['keep-found-videos'](request)).toEqual({ ok: true, added: 2, kept: 2 });
    expect(onEntriesChanged).toHaveBeenCalledOnce();
    const stored = await store.get('url:https://cdn.example/a.mp4');
    expect(stored).toMatchObject({ status: 'done', coverUrl: 'https://cdn.example/a.jpg', prompt: 'a dog', source: 'found-on-page' });
    expect(await handlers['keep-found-videos'](request)).toEqual({ ok: true, added: 0, kept: 2 });
    expect(await store.list()).toHaveLength(2);
  });

  it('merges into an entry the live capture made of the same video (same video key)', async () => {
    const { store, handlers } = await setup();
    await store.apply([
      { id: 'task:7:0', status: 'done', videoUrl: 'https://cdn.example/a.mp4?X-Amz-Signature=old', site: 'https://chat.example', pageUrl: 'https://chat.example/', endpointUrl: 'https://chat.example/v1', index: 0 },
    ], 500); // captured before the keep (the handlers' clock starts at 1000)
    const result = await handlers['keep-found-videos']({ type: 'keep-found-videos', pageUrl: 'https://chat.example/', videos: [{ url: 'https://cdn.example/a.mp4?X-Amz-Signature=new' }] });
    expect(result).toEqual({ ok: true, added: 0, kept: 1 });
    expect((await store.list()).map((entry) => entry.id)).toEqual(['task:7:0']);
  });

  it('probes only http(s) links, in order', async () => {
    const { handlers, probe } = await setup();
    expect(await handlers['probe-video-links']({ type: 'probe-video-links', urls: ['https://a.example/video', 'https://a.example/page', 'javascript:x'] })).toEqual({
      verdicts: ['video', 'not-video', 'not-video'],
    });
    expect(probe).toHaveBeenCalledTimes(2);
  });
});
