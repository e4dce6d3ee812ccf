import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { LibraryPage } from '../pages/library-page';
import { PageScanPopup } from './support/page-scan-popup';
import { OTHER_HOST, startVideoPageServer, VIDEO_PAGE_HOST } from './support/video-page-server';

let server: Awaited<ReturnType<typeof startVideoPageServer>>;
let chromium: ExtensionBrowser;
let browser: Browser;
let downloadsDir: string;
let pageOrigin: string;

beforeAll(async () => {
  server = await startVideoPageServer();
  pageOrigin = `http://${VIDEO_PAGE_HOST}:${server.port}`;
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir,
    // A host the extension does not capture on, mapped to loopback. page.triggerExtensionAction()
    // sends Extensions.triggerAction, which Chromium only allows with unsafe extension debugging.
    extraArgs: [`--host-resolver-rules=MAP ${VIDEO_PAGE_HOST} 127.0.0.1, MAP ${OTHER_HOST} 127.0.0.1`, '--enable-unsafe-extension-debugging'],
  });
  // Playwright (the harness) does not attach to action popups; puppeteer-core does, and has
  // triggerExtensionAction. Both speak CDP to the same Chromium.
  const [port] = (await readFile(join(chromium.userDataDir, 'DevToolsActivePort'), 'utf8')).split('\n');
  browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, defaultViewport: null });
});

afterAll(async () => {
  await browser?.disconnect();
  await chromium?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

/** Clicks the toolbar button for `page`, as a user does: the real popup opens, with activeTab granted. */
async function openRealPopup(page: Page): Promise<PageScanPopup> {
  const extension = (await browser.extensions()).get(chromium.extensionId);
  if (!extension) throw new Error('the extension is not installed');
  const popupUrl = `chrome-extension://${chromium.extensionId}/popup.html`;
  const opened = browser.waitForTarget((target) => target.url() === popupUrl, { timeout: 10_000 });
  await page.triggerExtensionAction(extension);
  const popup = await (await opened).asPage();
  await popup.waitForSelector('::-p-aria(Find videos on this page[role="button"])');
  return new PageScanPopup(popup);
}

describe('Find videos on this page (real popup, activeTab)', () => {
  it('offers exactly the videos, keeps them with covers, adds nothing the second time, leaves the page as it was', async () => {
    const page = await browser.newPage();
    await page.goto(`${pageOrigin}/chat.html`);
    await page.waitForFrame((frame) => frame.url().endsWith('/frame.html'));
    await page.waitForFrame((frame) => frame.url().endsWith('/frame-elsewhere.html'));
    const before = await PageScanPopup.pageHtml(page);
    const requestsBefore = server.requests.length;

    const popup = await openRealPopup(page);
    await popup.click('Find videos on this page');
    // The labelled link points at a loopback address the page (not itself on one) chose: the
    // extension never asks it what it is, so it is not offered (src/extract/local-address.ts).
    await popup.waitForStatus(/^3 videos on this page/);
    const offered = [`${pageOrigin}/media/fox.mp4`, `${pageOrigin}/media/cat.mp4`, `${pageOrigin}/media/owl.webm`];
    expect((await popup.offered()).sort()).toEqual([...offered].sort());
    expect(await popup.streamsNotice()).toMatch(/^1 video\(s\) here play from a stream the page assembles in memory/);
    expect(await popup.markedKept()).toBe(0);
    expect(await popup.keepButtons()).toBe(3);

    await popup.click('Keep all');
    await popup.waitForStatus(/^Kept 3 videos\.$/);
    const entries = await popup.storedEntries();
    const byUrl = new Map(entries.map((entry) => [entry.videoUrl ?? '', entry] as const));
    expect([...byUrl.keys()].sort()).toEqual([...offered].sort());
    expect(byUrl.get(`${pageOrigin}/media/fox.mp4`)).toMatchObject({
      id: `url:${pageOrigin}/media/fox.mp4`,
      status: 'done',
      coverUrl: `${pageOrigin}/media/fox-cover.jpg`,
      prompt: 'a red fox in the snow',
      pageUrl: `${pageOrigin}/chat.html`,
      site: pageOrigin,
      source: 'found-on-page',
    });
    expect(byUrl.get(`${pageOrigin}/media/cat.mp4`)).toMatchObject({ prompt: 'a cat surfing', source: 'found-on-page' });
    // The frame shows no chat text before its video: the page's title stands in.
    expect(byUrl.get(`${pageOrigin}/media/owl.webm`)).toMatchObject({
      coverUrl: `${pageOrigin}/media/owl-cover.jpg`,
      prompt: 'Old chat with videos',
      source: 'found-on-page',
    });

    // A second scan: every video is marked as kept, and Keep all adds nothing.
    await popup.click('Find videos on this page');
    await popup.waitForStatus(/^3 videos on this page/);
    expect(await popup.markedKept()).toBe(3);
    await popup.click('Keep all');
    await popup.waitForStatus(/nothing new to keep/);
    expect(await popup.storedEntries()).toHaveLength(3);

    expect(await PageScanPopup.pageHtml(page)).toEqual(before);
    // Of the page's server, the scan asked nothing of its own (no HEAD check of the loopback
    // link); what it got is what the popup shows (covers, first frames of the videos without
    // one) and the tab's favicon.
    const shown = [...offered, `${pageOrigin}/media/fox-cover.jpg`, `${pageOrigin}/media/owl-cover.jpg`, `${pageOrigin}/favicon.ico`];
    const previews = new Set(shown.map((url) => `GET ${new URL(url).pathname}${new URL(url).search}`));
    const asked = server.requests.slice(requestsBefore).filter((line) => !previews.has(line));
    expect(asked).toEqual([]);
  });
});

describe('Keep this video (context menu)', () => {
  // Chromium's native context menu cannot be clicked from automation, and the background has no
  // test hook to call its click handler; the handler is unit-tested (test/unit/context-menu).
  // This checks the real browser accepted both menu items at install.
  it('registers "Keep this video" on <video> elements and on video links', async () => {
    const worker = await chromium.serviceWorker();
    const exists = await worker.evaluate(async () => {
      const menus = (globalThis as unknown as { chrome: { contextMenus: { update(id: string, change: object): Promise<void> } } }).chrome.contextMenus;
      const check = (id: string) => menus.update(id, {}).then(() => true, () => false);
      return { video: await check('keep-this-video'), link: await check('keep-this-video-link'), other: await check('no-such-menu') };
    });
    expect(exists).toEqual({ video: true, link: true, other: false });
  });
});

describe('importing a chat history file from the options page', () => {
  it('keeps every video of a NextChat backup with its prompt, as chat-history entries', async () => {
    const library = new LibraryPage(await chromium.openPopup());
    await library.clear();
    const options = await chromium.context.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    const backup = fileURLToPath(new URL('../../fixtures/chat-history/nextchat-backup.json', import.meta.url));
    await options.locator('input[data-action="import-library"]').setInputFiles(backup);
    await expect.poll(() => options.locator('.library-status').textContent()).toBe('Found 2 videos in 2 chats (NextChat export).');
    const entries = await library.storedEntries();
    expect(entries.map(({ videoKey, prompt, source }) => ({ videoKey, prompt, source })).sort((a, b) => (a.prompt ?? '').localeCompare(b.prompt ?? ''))).toEqual([
      { videoKey: 'https://cdn.video.example/fox/jump.webm', prompt: 'make the fox jump', source: 'chat-history' },
      { videoKey: 'https://cdn.video.example/fox/fox.mp4', prompt: '生成视频：雪地里的一只红狐狸', source: 'chat-history' },
    ]);
  });
});
