import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FetchedMedia } from '@/src/offline/fetch-media';
import { createOfflineCopies } from '@/src/offline/offline-copies';
import { createOfflineKeeper, RETRY_UNREACHABLE_MS, type OfflineKeeperDeps } from '@/src/offline/offline-keeper';
import { openVideoDb } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';

const MiB = 1024 ** 2;
let dbCount = 0;

const entry = (id: string, extra: Partial<VideoEntry> = {}): VideoEntry => ({
  id,
  status: 'done',
  progress: 6,
  videoUrl: `https://cdn.test/${id}.mp4`,
  coverUrl: `https://cdn.test/${id}.jpeg`,
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
  createdAt: 1,
  updatedAt: 1,
  ...extra,
});

/** A keeper over a fresh database, with files of `sizes[url]` bytes (missing: HTTP 404). */
async function setup(options: { sizes: Record<string, number>; keepOffline?: boolean; capMb?: number }) {
  const db = await openVideoDb(`offline-keeper-${++dbCount}`);
  const copies = createOfflineCopies(async () => db);
  const fetched: string[] = [];
  let now = 1000;
  const changed: string[] = [];
  const settings = { keepOffline: options.keepOffline ?? true, offlineCapMb: options.capMb ?? 10 };
  const deps: OfflineKeeperDeps = {
    copies,
    settings: async () => settings,
    async fetchMedia(url, kind, maxBytes): Promise<FetchedMedia> {
      fetched.push(url);
      const size = options.sizes[url];
      if (size === undefined) return { ok: false, reason: 'unreachable', detail: 'HTTP 404' };
      if (size > maxBytes) return { ok: false, reason: 'too-large', detail: `${size}` };
      return { ok: true, blob: new Blob([new Uint8Array(size)], { type: kind === 'video' ? 'video/mp4' : 'image/jpeg' }) };
    },
    now: () => now,
    log: () => {},
    onChanged: (id) => changed.push(id),
  };
  return { keeper: createOfflineKeeper(deps), copies, fetched, changed, settings, advance: (ms: number) => (now += ms), db };
}

describe('offline keeper', () => {
  it('keeps the video and cover of a done entry once, however often it is written again', async () => {
    const { keeper, copies, fetched, changed } = await setup({ sizes: { 'https://cdn.test/a.mp4': 3 * MiB, 'https://cdn.test/a.jpeg': 1000 } });
    await Promise.all([keeper.keep([entry('a')]), keeper.keep([entry('a')])]);
    await keeper.keep([entry('a')]);
    expect(fetched).toEqual(['https://cdn.test/a.mp4', 'https://cdn.test/a.jpeg']);
    const copy = await copies.get('a');
    expect(copy).toMatchObject({ state: 'kept', videoUrl: 'https://cdn.test/a.mp4', bytes: 3 * MiB + 1000 });
    expect(copy?.state === 'kept' && copy.cover?.size).toBe(1000);
    expect(changed).toEqual(['a']);
    expect(await copies.usage()).toEqual({ count: 1, bytes: 3 * MiB + 1000 });
  });

  it('copies nothing while the option is off, nor entries that are not done, unconfirmed or expired', async () => {
    const off = await setup({ sizes: { 'https://cdn.test/a.mp4': 10 }, keepOffline: false });
    await off.keeper.keep([entry('a')]);
    expect(off.fetched).toEqual([]);
    const on = await setup({ sizes: {} });
    await on.keeper.keep([
      entry('g', { status: 'generating', videoUrl: undefined }),
      entry('p', { status: 'partial', partialReason: 'stream-error' }),
      entry('f', { status: 'failed', videoUrl: undefined, failureReason: 'no-result' }),
      entry('u', { needsCheck: true }),
      entry('x', { expiresAt: 999 }),
      entry('j', { videoUrl: 'javascript:alert(1)' }),
    ]);
    expect(on.fetched).toEqual([]);
  });

  it('stays within the cap: a video that does not fit is recorded as too large, not kept', async () => {
    const { keeper, copies } = await setup({
      capMb: 5,
      sizes: { 'https://cdn.test/a.mp4': 3 * MiB, 'https://cdn.test/b.mp4': 3 * MiB, 'https://cdn.test/c.mp4': 1 * MiB },
    });
    await keeper.keep([entry('a'), entry('b'), entry('c')]);
    expect(await copies.get('b')).toMatchObject({ state: 'skipped', reason: 'too-large' });
    expect((await copies.usage()).bytes).toBe(4 * MiB);
    expect((await copies.usage()).bytes).toBeLessThanOrEqual(5 * MiB);
  });

  it('keeps the video without its cover when the cover fails', async () => {
    const { keeper, copies } = await setup({ sizes: { 'https://cdn.test/a.mp4': 100 } });
    await keeper.keep([entry('a')]);
    const copy = await copies.get('a');
    expect(copy).toMatchObject({ state: 'kept', bytes: 100 });
    expect(copy?.state === 'kept' && copy.cover).toBeUndefined();
  });

  it('does not fetch a refused link again, except a network failure after a while, or a new link', async () => {
    const ctx = await setup({ sizes: {} });
    await ctx.keeper.keep([entry('a')]);
    expect(await ctx.copies.get('a')).toMatchObject({ state: 'skipped', reason: 'unreachable', detail: 'HTTP 404' });
    await ctx.keeper.keep([entry('a')]);
    await ctx.keeper.catchUp(async () => [entry('a')]);
    expect(ctx.fetched).toEqual(['https://cdn.test/a.mp4']);
    ctx.advance(RETRY_UNREACHABLE_MS);
    await ctx.keeper.catchUp(async () => [entry('a')]);
    expect(ctx.fetched).toEqual(['https://cdn.test/a.mp4', 'https://cdn.test/a.mp4']);
    await ctx.keeper.keep([entry('a', { videoUrl: 'https://cdn.test/a2.mp4' })]);
    expect(ctx.fetched.at(-1)).toBe('https://cdn.test/a2.mp4');
  });

  it('catches up on done entries left without a copy, newest first', async () => {
    const ctx = await setup({ sizes: { 'https://cdn.test/a.mp4': 10, 'https://cdn.test/b.mp4': 10 } });
    await ctx.copies.put({ id: 'a', state: 'kept', videoUrl: 'https://cdn.test/a.mp4', video: new Blob(['x']), bytes: 1, savedAt: 1 });
    await ctx.keeper.catchUp(async () => [entry('b'), entry('a'), entry('g', { status: 'generating', videoUrl: undefined })]);
    expect(ctx.fetched.filter((url) => url.endsWith('.mp4'))).toEqual(['https://cdn.test/b.mp4']);
  });

  it('drops copies whose entry was deleted, and clears all', async () => {
    const ctx = await setup({ sizes: { 'https://cdn.test/a.mp4': 10 } });
    await ctx.db.put('videos', entry('a'));
    await ctx.keeper.keep([entry('a'), entry('gone')]);
    expect(await ctx.copies.removeOrphans()).toBe(1);
    expect(await ctx.copies.get('a')).toMatchObject({ state: 'kept' });
    expect(await ctx.copies.get('gone')).toBeUndefined();
    expect(await ctx.copies.clear()).toBe(1);
    expect(await ctx.copies.usage()).toEqual({ count: 0, bytes: 0 });
  });
});

describe('offline media URLs for a gallery page', () => {
  it('makes blob URLs once per copy, renews them for a newer copy and revokes them when it goes', async () => {
    const { createOfflineMediaUrls } = await import('@/src/gallery/offline-media-urls');
    const ctx = await setup({ sizes: {} });
    const video = new Blob(['v'], { type: 'video/mp4' });
    await ctx.copies.put({ id: 'a', state: 'kept', videoUrl: 'https://cdn.test/a.mp4', video, cover: new Blob(['c']), bytes: 2, savedAt: 1 });
    await ctx.copies.put({ id: 's', state: 'skipped', videoUrl: 'https://cdn.test/s.mp4', reason: 'too-large', detail: '', savedAt: 1 });
    let next = 0;
    const live = new Set<string>();
    const urls = createOfflineMediaUrls(ctx.copies, {
      createObjectURL: () => {
        const url = `blob:test/${++next}`;
        live.add(url);
        return url;
      },
      revokeObjectURL: (url) => live.delete(url),
    });
    const first = await urls.load(['a', 's', 'none']);
    expect([...first.keys()]).toEqual(['a', 's']);
    expect(first.get('s')).toEqual({ missing: 'too-large' });
    expect(first.get('a')).toEqual({ videoUrl: 'blob:test/1', coverUrl: 'blob:test/2' });
    expect((await urls.load(['a'])).get('a')).toEqual({ videoUrl: 'blob:test/1', coverUrl: 'blob:test/2' });

    await ctx.copies.put({ id: 'a', state: 'kept', videoUrl: 'https://cdn.test/a2.mp4', video, bytes: 1, savedAt: 2 });
    expect((await urls.load(['a'])).get('a')).toEqual({ videoUrl: 'blob:test/3' });
    expect([...live]).toEqual(['blob:test/3']);
    await ctx.copies.clear();
    expect((await urls.load(['a'])).size).toBe(0);
    expect(live.size).toBe(0);
  });
});

describe('offline keeper: copies by default', () => {
  it('with only the video apps switched on, copies what the policy names and nothing else; a raised cap retries what did not fit', async () => {
    const { copies, fetched } = await setup({ sizes: {}, keepOffline: false });
    const withApps = { keepOffline: false, keepAppCopies: true, offlineCapMb: 10 };
    const policyKeeper = createOfflineKeeper({
      copies,
      settings: async () => withApps,
      copiedByDefault: (item) => item.id !== 'chat',
      fetchMedia: async (url, kind, maxBytes) => {
        fetched.push(url);
        const size = url.includes('big') ? 8 * MiB : url.includes('app') ? 3 * MiB : 1;
        if (size > maxBytes) return { ok: false, reason: 'too-large', detail: 'the cap is full' };
        return { ok: true, blob: new Blob([new Uint8Array(size)], { type: kind === 'video' ? 'video/mp4' : 'image/jpeg' }) };
      },
      now: () => 1000,
      log: () => {},
      onChanged: () => {},
    });
    await policyKeeper.keep([entry('app', { coverUrl: undefined }), entry('chat', { coverUrl: undefined }), entry('big', { coverUrl: undefined })]);
    expect(fetched).toEqual(['https://cdn.test/app.mp4', 'https://cdn.test/big.mp4']);
    expect((await copies.get('app'))?.state).toBe('kept');
    expect(await copies.get('chat')).toBeUndefined();
    expect(await copies.get('big')).toMatchObject({ state: 'skipped', reason: 'too-large' });
    // Not tried again by an ordinary catch-up; tried again once the space grew.
    const all = [entry('app', { coverUrl: undefined }), entry('chat', { coverUrl: undefined }), entry('big', { coverUrl: undefined })];
    await policyKeeper.catchUp(async () => all);
    expect(fetched).toHaveLength(2);
    withApps.offlineCapMb = 100;
    await policyKeeper.catchUp(async () => all, { roomGrew: true });
    expect(fetched).toHaveLength(3);
    expect((await copies.get('big'))?.state).toBe('kept');
  });
});
