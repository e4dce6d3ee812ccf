import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { seedExpected, seedSse } from '../../support/seed';

/** What `/test/page.html`'s `runCapture(mode, endpoint)` reports about the response the page saw. */
export interface PageResult {
  byteLength: number;
  sha256: string;
  text: string;
  status: number;
  statusText: string;
  url: string;
  redirected: boolean;
  type: string;
  contentType: string | null;
  demoHeader: string | null;
  fetchName: string;
  fetchSource: string;
}

/** The seed's one video, as the fixture says it must be captured. */
export const seedVideo = seedExpected.videos[0]!;
export const seedEntryId = `task:${seedVideo.taskId}:0`;
export const seedSha = createHash('sha256').update(seedSse).digest('hex');

/** The Response fields the page must see for the demo server's seed stream, extension or not. */
export function expectedSeedResponse(origin: string, endpoint: string, nativeFetchSource: string): Partial<PageResult> {
  return {
    status: 200,
    statusText: 'OK',
    url: `${origin}${endpoint}`,
    redirected: false,
    type: 'basic',
    contentType: 'text/event-stream; charset=utf-8',
    demoHeader: 'seed',
    fetchName: 'fetch',
    fetchSource: nativeFetchSource,
  };
}

/** The stored entry the seed must become when `/test/page.html` streams it from `endpoint`. */
export function expectedSeedEntry(origin: string, endpoint: string): Record<string, unknown> {
  return {
    videoUrl: seedVideo.video,
    coverUrl: seedVideo.cover,
    prompt: seedVideo.prompt,
    taskId: seedVideo.taskId,
    site: origin,
    pageUrl: `${origin}/test/page.html`,
    // Stored as origin and path only (src/store/scrub-url.ts).
    endpointUrl: `${origin}${endpoint.split('?')[0] ?? ''}`,
    progress: 6,
  };
}

/** What the shared seed scenarios need of a browser's test file. */
export interface SeedScenarioContext {
  runCapture: (mode: string, endpoint: string) => Promise<PageResult>;
  library: {
    waitForEntry(predicate: (entry: VideoEntry) => boolean): Promise<VideoEntry>;
    storedEntries(): Promise<VideoEntry[]>;
    /** Reloads the popup so it renders what is stored now. */
    reload(): Promise<void>;
    /** `data-status` of the rendered entry, or `null` when it is not listed. */
    entryStatus(id: string): Promise<string | null>;
  };
}

/**
 * The seed scenarios both browsers must pass the same way: one entry however often an answer is
 * replayed, and a task that fails shown generating, then failed. `context` is read when a test
 * runs, after the file's `beforeAll` launched its browser.
 */
export function seedScenarios(context: () => SeedScenarioContext): void {
  it('stores one entry when the same answer is replayed', async () => {
    const { runCapture, library } = context();
    await runCapture('reader', '/v1/chat/completions?source=fixture&pace=0');
    await library.waitForEntry((item) => item.status === 'done');
    await runCapture('text', '/v1/chat/completions?source=fixture&pace=0');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await library.storedEntries()).toHaveLength(1);
  });

  it('shows the entry as generating while the video is made, then failed when no video comes', async () => {
    const { runCapture, library } = context();
    const running = runCapture('reader', '/v1/chat/completions?pace=0.05&fail=1&hold=1500');
    const generating = await library.waitForEntry((item) => item.status === 'generating');
    expect(generating.prompt).toBe('一条狗');
    await running;
    const failed = await library.waitForEntry((item) => item.id === generating.id && item.status === 'failed');
    expect(failed.failureReason).toBe('no-result');
    await library.reload();
    await expect.poll(() => library.entryStatus(failed.id)).toBe('failed');
  });
}
