import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { appMediaMatches, BUILT_IN_APP_MEDIA_HOSTS, copiedByDefault } from '@/src/offline/default-copies';
import { offlineCatchUpFor } from '@/src/offline/offline-settings-change';
import { readOfflineSpace, spaceIsFull } from '@/src/offline/offline-space';
import { createOfflineCopies } from '@/src/offline/offline-copies';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { VIDEO_APP_MATCHES } from '@/src/sites/video-apps';
import { DEFAULT_SETTINGS, parseSettings } from '@/src/settings/settings';
import { openVideoDb } from '@/src/store/video-db';

const entryAt = (pageUrl: string, videoUrl: string) => ({ site: new URL(pageUrl).origin, pageUrl, videoUrl });

describe('copies by default on the video apps', () => {
  it('a new install copies the video apps within 2 GB, chat sites only when asked, and writes the story into downloads', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ keepAppCopies: true, keepOffline: false, offlineCapMb: 2000, embedStory: true, sidecarJson: false });
    expect(parseSettings({ keepAppCopies: false, embedStory: false, sidecarJson: true })).toMatchObject({ keepAppCopies: false, embedStory: false, sidecarJson: true });
  });

  it('every media host of a built-in app is granted by the manifest (over HTTPS), and only those', () => {
    const matches = [...VIDEO_APP_MATCHES, ...appMediaMatches(SITE_EXTRACTORS)];
    for (const extractor of SITE_EXTRACTORS) {
      for (const host of extractor.mediaHosts ?? []) {
        expect(matches.some((pattern) => host === pattern.slice('https://*.'.length, -2) || host.endsWith(`.${pattern.slice('https://*.'.length, -2)}`)), host).toBe(true);
      }
    }
    for (const pattern of appMediaMatches(SITE_EXTRACTORS)) expect(pattern).toMatch(/^https:\/\/\*\.[a-z0-9.-]+\.[a-z]+\/\*$/);
    expect(new Set(matches).size).toBe(matches.length);
  });

  it('copies a video app video served from its own hosts; not a chat site, not another host, not plain http', () => {
    expect(copiedByDefault(entryAt('https://sora.chatgpt.com/library', 'https://videos.openai.com/az/files/x/raw?se=1&sig=2'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(true);
    expect(copiedByDefault(entryAt('https://jimeng.jianying.com/ai-tool/video', 'https://v3-artist.vlabvod.com/a.mp4'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(true);
    expect(copiedByDefault(entryAt('https://chatgpt.com/c/1', 'https://videos.openai.com/a.mp4'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(false);
    expect(copiedByDefault(entryAt('http://localhost:3000/', 'http://localhost:3000/a.mp4'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(false);
    expect(copiedByDefault(entryAt('https://sora.chatgpt.com/library', 'https://evil.example/a.mp4'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(false);
    expect(copiedByDefault(entryAt('https://sora.chatgpt.com/library', 'http://videos.openai.com/a.mp4'), BUILT_IN_APP_MEDIA_HOSTS)).toBe(false);
  });

  it('a settings change catches up when copies go on, retries what did not fit when the space grows, else nothing', () => {
    const base = { ...DEFAULT_SETTINGS };
    expect(offlineCatchUpFor(undefined, base)).toBeUndefined();
    expect(offlineCatchUpFor({ ...base, keepAppCopies: false }, base)).toEqual({ roomGrew: false });
    expect(offlineCatchUpFor(base, { ...base, offlineCapMb: 4000 })).toEqual({ roomGrew: true });
    expect(offlineCatchUpFor(base, { ...base, offlineCapMb: 250 })).toBeUndefined();
    expect(offlineCatchUpFor({ ...base, keepOffline: true }, { ...base, keepOffline: true, keepAppCopies: false, offlineCapMb: 4000 })).toEqual({ roomGrew: true });
    expect(offlineCatchUpFor(base, { ...base, keepAppCopies: false, offlineCapMb: 4000 })).toBeUndefined();
    expect(offlineCatchUpFor({ ...base, keepAppCopies: false }, { ...base, keepAppCopies: false, offlineCapMb: 4000 })).toBeUndefined();
  });

  it('the space is full when a video did not fit; kept bytes are counted', async () => {
    const db = await openVideoDb('default-copies-space');
    const copies = createOfflineCopies(async () => db);
    await copies.put({ id: 'a', state: 'kept', videoUrl: 'https://x/a', video: new Blob([new Uint8Array(10)]), bytes: 10, savedAt: 1 });
    expect(await readOfflineSpace(async () => db, 20)).toEqual({ bytes: 10, capBytes: 20, notCopied: 0 });
    await copies.put({ id: 'b', state: 'skipped', videoUrl: 'https://x/b', reason: 'too-large', detail: 'the cap is full', savedAt: 2 });
    await copies.put({ id: 'c', state: 'skipped', videoUrl: 'https://x/c', reason: 'unreachable', detail: 'HTTP 403', savedAt: 2 });
    const space = await readOfflineSpace(async () => db, 20);
    expect(space).toEqual({ bytes: 10, capBytes: 20, notCopied: 1 });
    expect(spaceIsFull(space)).toBe(true);
  });
});
