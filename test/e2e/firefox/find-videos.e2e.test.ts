import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageScanPopup } from '../page-scan/support/page-scan-popup';
import { OTHER_HOST, startVideoPageServer, VIDEO_PAGE_HOST } from '../page-scan/support/video-page-server';
import { grantActiveTab, launchFirefoxSession, skipWithoutChromeScope, type FirefoxSession } from './firefox-session';

let session: FirefoxSession;
let server: Awaited<ReturnType<typeof startVideoPageServer>>;
let pageOrigin: string;

beforeAll(async () => {
  server = await startVideoPageServer();
  pageOrigin = `http://${VIDEO_PAGE_HOST}:${server.port}`;
  // videos.example.test (and the embedded frame's host) resolve to loopback, where the page server listens.
  session = await launchFirefoxSession('find-videos', { extraPrefs: { 'network.dns.localDomains': `${VIDEO_PAGE_HOST},${OTHER_HOST}` } });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** The popup as a click on the toolbar button over `page` opens it (see `grantActiveTab`). */
async function openPopupOver(page: Page): Promise<PageScanPopup> {
  const tabId = await grantActiveTab(session.firefox, page.url());
  const popup = await session.firefox.browser.newPage();
  await session.firefox.gotoExtensionPage(popup, `/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#page-scan button[data-action="find-videos"]');
  return new PageScanPopup(popup);
}

describe('Find videos on this page, in Firefox', () => {
  it('offers exactly the videos of the page and its frame, and Keep all stores them once', async (context) => {
    skipWithoutChromeScope(context, session.firefox);
    const page = session.page;
    await page.goto(`${pageOrigin}/chat.html`);
    await page.waitForFrame((frame) => frame.url().endsWith('/frame.html'));
    await page.waitForFrame((frame) => frame.url().endsWith('/frame-elsewhere.html'));
    const before = await PageScanPopup.pageHtml(page);

    const popup = await openPopupOver(page);
    await popup.click('Find videos on this page');
    // The loopback link a non-local page names is never asked what it is, so not offered.
    await popup.waitForStatus(/^3 videos on this page/);
    expect((await popup.offered()).sort()).toEqual(
      [`${pageOrigin}/media/fox.mp4`, `${pageOrigin}/media/cat.mp4`, `${pageOrigin}/media/owl.webm`].sort(),
    );
    expect(await popup.streamsNotice()).toMatch(/^1 video\(s\) here play from a stream/);

    await popup.click('Keep all');
    await popup.waitForStatus(/^Kept 3 videos\.$/);
    const entries = await popup.storedEntries();
    expect(entries).toHaveLength(3);
    expect(entries.find((entry) => entry.videoUrl === `${pageOrigin}/media/fox.mp4`)).toMatchObject({
      coverUrl: `${pageOrigin}/media/fox-cover.jpg`,
      prompt: 'a red fox in the snow',
      source: 'found-on-page',
    });
    await popup.click('Keep all');
    await popup.waitForStatus(/nothing new to keep/);
    expect(await popup.storedEntries()).toHaveLength(3);
    expect(await PageScanPopup.pageHtml(page)).toEqual(before);
  });
});
