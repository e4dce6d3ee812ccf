import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SESSION_SWEPT_KEY } from '../../../../src/background/browser-session';
import { replaceStoredEntries } from '../../pages/library-idb';

/** Options of the synthetic entries `seedLibrary` writes. */
export interface SeedOptions {
  count: number;
  /** Origin of the demo server: video links point at its `/media/`, chat pages at its `/chat/<n>`. */
  mediaOrigin: string;
  now: number;
  /** Entry `n` is created `n × stepMs` before `now`; default one second. */
  stepMs?: number;
}

/**
 * Writes `count` synthetic entries straight into the extension's IndexedDB from one of its
 * pages (already open, so the schema exists): a mix of statuses, two sites, three models,
 * every fifth link expired, entry `n` created `n × stepMs` (one second) before `now`, its chat
 * page `<mediaOrigin>/chat/<n>` (a 404 of the demo server, but a real page to open).
 */
export async function seedLibrary(page: Page, options: SeedOptions): Promise<void> {
  const { count, mediaOrigin, now, stepMs = 1000 } = options;
  const statuses = ['done', 'done', 'done', 'generating', 'failed', 'partial'];
  const models = ['cogvideox', 'veo-3', 'kling'];
  const entries = Array.from({ length: count }, (_, n) => {
    const status = statuses[n % statuses.length]!;
    const hasVideo = status === 'done' || status === 'partial';
    return {
      id: `task:${9000 + n}:0`,
      status,
      progress: status === 'generating' ? 3 : 6,
      ...(hasVideo ? { videoUrl: `${mediaOrigin}/media/clip-${n}.mp4`, videoKey: `${mediaOrigin}/media/clip-${n}.mp4` } : {}),
      ...(hasVideo && n % 5 === 4 ? { expiresAt: now - 60_000 } : {}),
      prompt: `${n % 2 ? '一条狗' : 'A cat'} number ${n}`,
      taskId: `${9000 + n}`,
      model: models[n % models.length],
      site: n % 4 === 3 ? 'https://chatglm.cn' : 'http://localhost:3000',
      pageUrl: `${mediaOrigin}/chat/${n}`,
      endpointUrl: 'http://localhost:3000/v1/chat/completions',
      index: 0,
      ...(status === 'failed' ? { failureReason: 'no-result' } : {}),
      createdAt: now - n * stepMs,
      updatedAt: now - n * stepMs,
    };
  });
  // The browser session's first sweep ends every streaming entry older than the session, so the
  // seeded `generating` and `partial` entries are written after it, not raced by it.
  const swept = (key: string) =>
    page.evaluate(
      async (name) => typeof (await (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.session.get(name))[name] === 'number',
      key,
    );
  await expect.poll(() => swept(SESSION_SWEPT_KEY), { timeout: 30_000 }).toBe(true);
  await page.evaluate(replaceStoredEntries, entries);
}

/**
 * Opens the full gallery and returns how long, in ms from navigation start, its first page
 * took to be on screen (the `gallery-first-paint` mark the page sets).
 */
export async function openGalleryTimed(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('gallery-first-paint').length > 0);
  return page.evaluate(() => performance.getEntriesByName('gallery-first-paint')[0]!.startTime);
}
