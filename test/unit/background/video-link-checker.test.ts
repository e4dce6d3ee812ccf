import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createVideoLinkChecker } from '@/src/background/video-link-checker';
import type { LinkVerdict } from '@/src/background/probe-video-link';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore } from '@/src/store/video-store';

const update = (id: string, videoUrl: string): EntryUpdate => ({
  id,
  status: 'done',
  videoUrl,
  needsCheck: true,
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
});

describe('video link checker', () => {
  it('confirms videos, removes pages and leaves unknowns as they are, probing each link once', async () => {
    const store = createVideoStore(await openVideoDb('link-checker'));
    const verdicts: Record<string, LinkVerdict> = {
      'https://proxy.test/v?id=1': 'video',
      'https://site.test/page': 'not-video',
      'https://cdn.test/blob': 'unknown',
    };
    const probes: string[] = [];
    let changes = 0;
    const checker = createVideoLinkChecker({
      store,
      probe: async (url) => {
        probes.push(url);
        return verdicts[url] ?? 'unknown';
      },
      onEntriesChanged: () => (changes += 1),
    });
    const stored = await store.apply(Object.keys(verdicts).map((url, index) => update(`url:${index}`, url)));
    await checker.check(stored);
    await checker.check(stored);

    expect(probes).toHaveLength(3);
    expect(changes).toBe(2);
    const byUrl = new Map((await store.list()).map((entry) => [entry.videoUrl, entry]));
    expect(byUrl.get('https://proxy.test/v?id=1')?.needsCheck).toBeUndefined();
    expect(byUrl.has('https://site.test/page')).toBe(false);
    expect(byUrl.get('https://cdn.test/blob')?.needsCheck).toBe(true);
  });
});
