import { createHash } from 'node:crypto';
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
    endpointUrl: `${origin}${endpoint}`,
    progress: 6,
  };
}
