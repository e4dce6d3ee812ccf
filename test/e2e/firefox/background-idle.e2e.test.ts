import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FirefoxExtensionBrowser } from '../../browser/launch-firefox';
import { launchFirefoxSession, skipWithoutChromeScope, type FirefoxSession } from './firefox-session';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { FirefoxLibraryPage } from './library-page';
import { seedEntryId, seedSha, seedVideo } from '../support/seed-capture';

// Firefox suspends an MV3 event page after `extensions.background.idle.timeout` without events;
// an open runtime Port does not keep it alive. The streams below pause for longer than that.
const IDLE_TIMEOUT_MS = 1_000;
const HOLD_MS = 4_000;

const expected = seedVideo;
const entryId = seedEntryId;

let session: FirefoxSession;
let firefox: FirefoxExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let library: FirefoxLibraryPage;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  session = await launchFirefoxSession('downloads', { backgroundIdleTimeoutMs: IDLE_TIMEOUT_MS });
  ({ firefox, library, page, downloadsDir } = session);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

beforeEach(async () => {
  await library.clear();
  await page.bringToFront();
  await page.goto(`${server.origin}/test/page.html`);
});

describe('Firefox idles the event page', () => {
  it('keeps the capture when the event page is idled while the stream holds', async (context) => {
    skipWithoutChromeScope(context, firefox);
    let streamDone = false;
    const running = page
      .evaluate(
        (path) =>
          (window as unknown as { runCapture(m: string, p: string): Promise<{ sha256: string }> }).runCapture(
            'reader',
            path,
          ),
        `/v1/chat/completions?source=fixture&pace=0.02&hold=${HOLD_MS}`,
      )
      .finally(() => {
        streamDone = true;
      });
    const generating = await library.waitForEntry((item) => item.id === entryId && item.status === 'generating');
    expect(generating.progress).toBe(0);

    // The task line is in; the server now holds the stream, and the idle timer runs out.
    const idleSeen = await firefox.background();
    await expect
      .poll(async () => (await firefox.background()).suspends, { timeout: HOLD_MS - 500, interval: 100 })
      .toBeGreaterThan(idleSeen.suspends);
    expect(streamDone).toBe(false);

    const result = await running;
    expect(result.sha256).toBe(seedSha);
    const entry = await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
    expect(entry).toMatchObject({
      videoUrl: expected.video,
      coverUrl: expected.cover,
      prompt: expected.prompt,
      taskId: expected.taskId,
      progress: 6,
    });
    expect(await library.storedEntries()).toHaveLength(1);
  });

  it('downloads from the popup after the event page went idle', async (context) => {
    skipWithoutChromeScope(context, firefox);
    await page.evaluate(
      (path) => (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', path),
      '/v1/chat/completions?pace=0',
    );
    const entry = await library.waitForEntry((item) => item.status === 'done');
    await library.reload();
    await expect.poll(() => library.entryStatus(entry.id)).toBe('done');
    await expect
      .poll(async () => (await firefox.background()).state, { timeout: 10_000, interval: 100 })
      .toBe('stopped');

    // The popup's runtime.sendMessage is an event the suspended page is woken for.
    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, `一条狗_${expected.taskId}.mp4`, { timeoutMs: 20_000 });
    const sample = await readFile(new URL('../../fixtures/media/sample.mp4', import.meta.url));
    expect(Buffer.compare(await readFile(file.path), sample)).toBe(0);
  });
});
