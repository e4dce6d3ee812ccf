import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CAPTURE_MATCHES } from '../../../src/sites/capture-sites';
import type { FirefoxExtensionBrowser } from '../../browser/launch-firefox';
import { launchFirefoxSession, skipWithoutChromeScope, type FirefoxSession } from './firefox-session';
import { waitForFile } from '../../browser/wait-for-file';
import { startDemoServer } from '../../demo-site/server';
import { seedSse } from '../../support/seed';
import { FirefoxLibraryPage } from './library-page';
import { expectedSeedEntry, expectedSeedResponse, seedEntryId, seedScenarios, seedSha, seedVideo, type PageResult } from '../support/seed-capture';

/** The slice of Firefox's extension APIs the popup page is asked about here. */
interface PopupGlobals {
  browser: { permissions: { contains(permissions: { origins: string[] }): Promise<boolean> } };
}

const expected = seedVideo;
const entryId = seedEntryId;
// How Firefox prints a native function; the page must still see this after the fetch wrapper.
const NATIVE_FETCH_SOURCE = 'function fetch() {\n    [native code]\n}';

let session: FirefoxSession;
let firefox: FirefoxExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let library: FirefoxLibraryPage;
let page: Page;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  session = await launchFirefoxSession('downloads');
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

function runCapture(mode: string, endpoint: string): Promise<PageResult> {
  return page.evaluate(
    (captureMode, path) =>
      (window as unknown as { runCapture(m: string, p: string): Promise<PageResult> }).runCapture(captureMode, path),
    mode,
    endpoint,
  );
}

describe('the seed, captured in a real Firefox', () => {
  it('holds the capture sites as granted host permissions right after install', async () => {
    // Firefox MV3 treats content-script matches as host permissions the user may revoke; since
    // Firefox 127 they are granted at install (checked on 153 ESR, temporary and permanent installs).
    const granted = await library.page.evaluate(
      (origins) => (globalThis as unknown as PopupGlobals).browser.permissions.contains({ origins }),
      CAPTURE_MATCHES,
    );
    expect(granted).toBe(true);
  });

  it('captures nothing where the user switched the site off, and again once it is back on', async (context) => {
    skipWithoutChromeScope(context, firefox);
    // What about:addons → Permissions does: the page is left alone, no content script runs there.
    const setLoopbackGranted = (granted: boolean) =>
      firefox.evaluateInChrome(
        `async ({ addonId, granted }) => {
          const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
          const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
          const change = { permissions: [], origins: ['*://127.0.0.1/*'] };
          const extension = ExtensionParent.GlobalManager.getExtension(addonId);
          await (granted ? ExtensionPermissions.add(addonId, change, extension) : ExtensionPermissions.remove(addonId, change, extension));
        }`,
        { addonId: firefox.addonId, granted },
      );
    await setLoopbackGranted(false);
    try {
      await page.reload();
      const result = await runCapture('reader', '/v1/chat/completions?source=fixture&pace=0');
      expect(result.sha256).toBe(seedSha);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await library.storedEntries()).toEqual([]);
    } finally {
      await setLoopbackGranted(true);
    }
    await page.reload();
    await runCapture('reader', '/v1/chat/completions?source=fixture&pace=0');
    await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
  });

  for (const [mode, slice] of [
    ['reader', 7],
    ['text', 11],
    ['request', 13],
  ] as const) {
    it(`leaves the page's bytes untouched and stores the video (${mode}, random ${slice}-seeded slices)`, async () => {
      const endpoint = `/v1/chat/completions?source=fixture&pace=0.02&slice=${slice}&maxSlice=97`;
      const result = await runCapture(mode, endpoint);

      expect(result.sha256).toBe(seedSha);
      expect(result.byteLength).toBe(seedSse.byteLength);
      expect(result).toMatchObject(expectedSeedResponse(server.origin, endpoint, NATIVE_FETCH_SOURCE));

      const entry = await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
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
    await expect.poll(() => library.entryStatus(entry.id)).toBe('done');
    expect(await library.entryPrompt(entry.id)).toBe('一条狗');

    await library.download(entry.id);
    const file = await waitForFile(downloadsDir, `一条狗_${expected.taskId}.mp4`, { timeoutMs: 20_000 });
    const sample = await readFile(new URL('../../fixtures/media/sample.mp4', import.meta.url));
    expect(Buffer.compare(await readFile(file.path), sample)).toBe(0);
  });

  it('copies the link and opens the video from the popup', async (context) => {
    skipWithoutChromeScope(context, firefox);
    await runCapture('reader', '/v1/chat/completions?pace=0');
    const entry = await library.waitForEntry((item) => item.status === 'done');
    await library.reload();
    await expect.poll(() => library.entryStatus(entry.id)).toBe('done');

    await library.act(entry.id, 'copy');
    await expect.poll(() => library.entryMessage(entry.id)).not.toMatch(/^Could not/);
    // The browser window's clipboard is the one the popup wrote to; chrome code reads it unprompted.
    await expect
      .poll(() => firefox.evaluateInChrome<string>('async () => navigator.clipboard.readText()'))
      .toBe(entry.videoUrl);

    await library.act(entry.id, 'open');
    // A tab with the video (Firefox plays it in its own viewer); pages() sees the new tab's URL.
    const videoTab = async () => (await firefox.browser.pages()).find((tab) => tab.url() === entry.videoUrl);
    await expect.poll(async () => (await videoTab()) !== undefined, { timeout: 10_000 }).toBe(true);
    await (await videoTab())?.close();
  });

  it('keeps the capture when the event page is suspended mid-stream', async (context) => {
    skipWithoutChromeScope(context, firefox);
    const running = runCapture('reader', '/v1/chat/completions?source=fixture&pace=0.02&hold=3000');
    const generating = await library.waitForEntry((item) => item.id === entryId && item.status === 'generating');
    expect(generating.progress).toBe(0);
    const before = await firefox.background();
    await firefox.stopBackground();
    expect((await firefox.background()).suspends).toBe(before.suspends + 1);

    const result = await running;
    expect(result.sha256).toBe(seedSha);
    const entry = await library.waitForEntry((item) => item.id === entryId && item.status === 'done');
    expect(entry).toMatchObject({ videoUrl: expected.video, coverUrl: expected.cover, prompt: expected.prompt });
    expect(await library.storedEntries()).toHaveLength(1);
    // The relay's reconnect is what woke it again.
    expect((await firefox.background()).starts).toBeGreaterThan(before.starts);
  });
});
