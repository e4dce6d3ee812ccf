import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { loadSiteExpectation, loadSiteFixture, responseText } from '../../unit/sites/extractors/site-fixtures';

/** A site's calls, as the test page makes them (`runCalls`), and what each must return to the page. */
export function siteCalls(site: string): {
  page: string;
  calls: { method: string; url: string; body?: string; contentType?: string; fetch?: true }[];
  served: string[];
} {
  const { sequence } = loadSiteExpectation(site);
  const fixtures = sequence.map((name) => loadSiteFixture(site, name));
  // A redirect ends at a media file of the test server's CDN (video-app-server.ts): the page reads the video itself.
  const video = new TextDecoder().decode(readFileSync('test/fixtures/media/sample.mp4'));
  return {
    page: fixtures[0]!.page,
    calls: fixtures.map(({ request, response }) => ({
      method: request.method,
      url: request.url,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.contentType === undefined ? {} : { contentType: request.contentType }),
      ...(response.redirectTo === undefined ? {} : { fetch: true as const }),
    })),
    served: fixtures.map((fixture) => (fixture.response.redirectTo === undefined ? responseText(fixture) : video)),
  };
}

/** Every entry of `site` is the one `expected.json` names, and no other: one per task and video. */
export function expectSiteEntries(site: string, stored: VideoEntry[]): void {
  const { entries } = loadSiteExpectation(site);
  const mine = stored.filter((entry) => entry.id.startsWith(`task:${site}:`));
  expect(mine.map((entry) => `${entry.taskId} ${entry.status}`).sort()).toEqual(entries.map((entry) => `${entry.taskId} ${entry.status}`).sort());
  for (const expected of entries) {
    const entry = mine.find((item) => item.taskId === expected.taskId && item.status === expected.status && (expected.videoUrl === undefined || item.videoUrl === expected.videoUrl));
    expect(entry, `${site}: no ${expected.status} entry for task ${expected.taskId}`).toBeDefined();
    if (!entry) continue;
    expect(entry.source).toBe('site');
    if (expected.videoUrl !== undefined) expect(entry.videoUrl).toBe(expected.videoUrl);
    if (expected.coverUrl !== undefined) expect(entry.coverUrl).toBe(expected.coverUrl);
    if (expected.prompt !== undefined) expect(entry.prompt).toBe(expected.prompt);
    for (const input of expected.inputImages ?? []) {
      expect(entry.videoUrl).not.toBe(input);
      expect(entry.coverUrl).not.toBe(input);
    }
  }
}

/** Whether the library holds every entry `expected.json` names (for polling). */
export function hasSiteEntries(site: string, stored: VideoEntry[]): boolean {
  const { entries } = loadSiteExpectation(site);
  return entries.every((expected) =>
    stored.some(
      (entry) =>
        entry.id.startsWith(`task:${site}:`) &&
        entry.taskId === expected.taskId &&
        entry.status === expected.status &&
        (expected.videoUrl === undefined || entry.videoUrl === expected.videoUrl),
    ),
  );
}
