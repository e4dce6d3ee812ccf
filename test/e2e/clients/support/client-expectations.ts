import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { seedExpected, seedSse } from '../../../support/seed';
import { openWebUiChatEvents, seedAnswer, seedCompletion, seedData } from './answer-streams';
import type { ClientResult, RunClient } from './client-result';

/**
 * What the client tests check, whichever browser drives them (Chromium through Playwright,
 * Firefox through Puppeteer): what a client gave the page, and what the extension stored.
 */

/** The one video of the seed answer, as it must be stored. */
const seedVideo = seedExpected.videos[0]!;
export const SEED_ENTRY_ID = `task:${seedVideo.taskId}:0`;

/** The seed's event stream as text: what the page must read from a plain XHR. */
export const seedText: string = new TextDecoder().decode(seedSse);

/** The part of a library page object (either browser's) these checks read the store through. */
export interface StoredLibrary {
  storedEntries(): Promise<VideoEntry[]>;
  waitForEntry(predicate: (entry: VideoEntry) => boolean, timeoutMs?: number): Promise<VideoEntry>;
}

/**
 * Runs the test page's client (`window.runClient(options)`); passed to `page.evaluate`, which
 * Playwright and Puppeteer both ship as source text, so it has no closure.
 */
export const runClientInPage = (options?: Record<string, unknown>): Promise<ClientResult> =>
  (window as unknown as { runClient: RunClient }).runClient(options);

/** Waits for the seed's video to be stored as done from `siteOrigin`, checks it, and that it is the only entry. */
export async function expectSeedStoredOnce(
  library: StoredLibrary,
  siteOrigin: string,
  expected: Partial<VideoEntry>,
): Promise<VideoEntry> {
  const entry = await library.waitForEntry((item) => item.id === SEED_ENTRY_ID && item.status === 'done');
  expect(entry).toMatchObject({
    videoUrl: seedVideo.video,
    coverUrl: seedVideo.cover,
    prompt: seedVideo.prompt,
    taskId: seedVideo.taskId,
    site: siteOrigin,
    ...expected,
  });
  // Late duplicates (a second stream, a replay) would land within moments.
  await sleep(300);
  expect(await library.storedEntries()).toHaveLength(1);
  return entry;
}

/** An XHR read as text ('' or 'text'): the page ends with what was sent, having seen it grow over several progress events. */
export function expectGrowingResponseText(result: ClientResult): void {
  expect(result.text).toBe(seedText);
  const seen = result.received as string[];
  expect(seen.length).toBeGreaterThan(1);
  for (const text of seen) expect(seedText.startsWith(text)).toBe(true);
}

/** An XHR with responseType 'json': the page gets the parsed completion. */
export function expectParsedCompletion(result: ClientResult): void {
  expect(result.received).toEqual([seedCompletion()]);
  expect(result.text).toBe(seedAnswer);
}

/** An event stream read message by message: every `data` payload as sent, `[DONE]` last. */
export function expectSeedMessages(result: ClientResult): void {
  expect(result.received).toEqual(seedData);
  expect(result.text).toBe(seedAnswer);
}

/** socket.io-client on the page of `socket-io`: every Open WebUI `chat-events` payload, unchanged. */
export function expectOpenWebUiChatEvents(result: ClientResult): void {
  expect(result.received).toEqual(openWebUiChatEvents('chat-1', 'message-1'));
  // Open WebUI's last event strips the trailing white space of the answer.
  expect(result.text).toBe(seedAnswer.trim());
}
