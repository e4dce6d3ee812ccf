import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../browser/launch-chromium';
import { waitForFile } from '../browser/wait-for-file';
import { startDemoServer } from '../demo-site/server';
import { seedSse } from '../support/seed';
import { LibraryPage } from './pages/library-page';
import { expectedSeedEntry, expectedSeedResponse, seedEntryId, seedScenarios, seedSha, seedVideo, type PageResult } from './support/seed-capture';

const expected = seedVideo;
const entryId = seedEntryId;

let chromium: ExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let library: LibraryPage;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
  library = new LibraryPage(await chromium.openPopup());
  page = await chromium.context.newPage();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await library.clear();
  await page.bringToFront();
  await page.goto(`${server.origin}/test/page.html`);
});

function runCapture(mode: string, endpoint: string): Promise<PageResult> {
  return page.evaluate(
    ([captureMode, path]) => (window as unknown as { runCapture(m: string, p: string): Promise<PageResult> }).runCapture(captureMode, path),
    [mode, endpoint] as const,
  );
}

describe('the seed, captured in a real Chromium', () => {
  for (const [mode, slice] of [
    ['reader', 7],
    ['text', 11],
    ['request', 13],
  ] as const) {
    it(`leaves the page's bytes untouched and stores the video (${mode}, random ${slice}-seeded slices)`, async () => {
      const endpoint = `/v1/chat/completions?source=fixture&pace=0.02&slice=${slice}&maxSlice=97`;
      const result = await runCapture(mode, endpoint);

      // What the page saw is exactly what the server sent, with the Response it made.
      expect(result.sha256).toBe(seedSha);
      expect(result.byteLength).toBe(seedSse.byteLength);
      expect(result).toMatchObject(expectedSeedResponse(server.origin, endpoint, 'function fetch() { [native code] }'));

      const entry = await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
      // The seed streams a blank model; the name comes from a string request body, which a
      // Request object does not expose without reading it.
      expect(entry.model).toBe(mode === 'request' ? undefined : 'cogvideox-demo');
      expect(entry).toMatchObject(expectedSeedEntry(server.origin, endpoint));
      expect(await library.storedEntries()).toHaveLength(1);
    });
  }

  seedScenarios(() => ({ runCapture, library }));

  it('lists the video in the popup and downloads it under a safe name', async () => {
    await runCapture('reader', '/v1/chat/completions?pace=0');
    const entry = await library.waitForEntry((item) => item.status === 'done');
    expect(entry.videoUrl).toBe(`${server.origin}/media/01579f22-094f-11f0-92a2-be9386d3c5e8_0.mp4`);

    await library.reload();
    const row = library.entry(entry.id);
    await expect.poll(() => row.getAttribute('data-status')).toBe('done');
    expect(await row.locator('.entry-prompt').textContent()).toBe('一条狗');

    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, `一条狗_${expected.taskId}.mp4`, { timeoutMs: 20_000 });
    const sample = await readFile(new URL('../fixtures/media/sample.mp4', import.meta.url));
    expect(Buffer.compare(await readFile(file.path), sample)).toBe(0);
  });

  it('keeps the capture when the service worker is stopped mid-stream', async () => {
    const running = runCapture('reader', '/v1/chat/completions?source=fixture&pace=0.02&hold=3000');
    const generating = await library.waitForEntry((item) => item.id === entryId && item.status === 'generating');
    expect(generating.progress).toBe(0);
    await chromium.stopServiceWorker();

    const result = await running;
    expect(result.sha256).toBe(seedSha);
    const entry = await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
    expect(entry).toMatchObject({ videoUrl: expected.video, coverUrl: expected.cover, prompt: expected.prompt });
    expect(await library.storedEntries()).toHaveLength(1);
  });
});
