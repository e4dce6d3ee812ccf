import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { startDemoServer } from '../../demo-site/server';
import { LibraryPage } from '../pages/library-page';
import { extensionWithHosts } from './support/test-extension';

// A host outside the default capture sites, resolved to the demo server on loopback.
const HOST = 'capture.test';

interface ChromeGlobals {
  chrome: {
    tabs: { query(query: { url: string }): Promise<Array<{ id?: number }>> };
    scripting: { getRegisteredContentScripts(): Promise<Array<Record<string, unknown>>> };
  };
}

let server: { origin: string; close(): Promise<void> };
let extensionDir: string;
let profileDir: string;
let downloadsDir: string;
let chromium: ExtensionBrowser | undefined;
let siteOrigin: string;

async function launch(): Promise<ExtensionBrowser> {
  chromium = await launchChromiumWithExtension({
    extensionPath: extensionDir,
    headless: true,
    downloadsDir,
    userDataDir: profileDir,
    // The demo page hashes with crypto.subtle, which only a secure context has.
    extraArgs: [`--host-resolver-rules=MAP ${HOST} 127.0.0.1`, `--unsafely-treat-insecure-origin-as-secure=${siteOrigin}`],
  });
  return chromium;
}

async function openChat(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${siteOrigin}/test/page.html`);
  return page;
}

/** Runs one demo answer in the chat page; resolves once the page has read all of it. */
async function generate(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', '/v1/chat/completions?pace=0'),
  );
}

/** The popup as the user sees it over the chat tab (opened as a tab naming the chat tab). */
async function openPopupFor(browser: ExtensionBrowser): Promise<Page> {
  const popup = await browser.openPopup();
  const [tab] = await popup.evaluate(
    (url) => (globalThis as unknown as ChromeGlobals).chrome.tabs.query({ url }),
    `http://${HOST}/*`,
  );
  await popup.goto(`${popup.url().split('?')[0]}?tab=${tab?.id}`);
  return popup;
}

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  siteOrigin = `http://${HOST}:${new URL(server.origin).port}`;
  extensionDir = await extensionWithHosts([`http://${HOST}/*`]);
  profileDir = await mkdtemp(join(tmpdir(), 'video-keeper-profile-'));
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  for (const dir of [dirname(extensionDir), profileDir, downloadsDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('capture on a site the user enables', () => {
  it('does not capture before, captures after enabling from the popup and a reload, also after a restart', async () => {
    const browser = await launch();
    const chat = await openChat(browser);
    const popup = await openPopupFor(browser);
    const library = new LibraryPage(popup);

    // Off by default: an answer on this site leaves the library empty.
    await generate(chat);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await library.storedEntries()).toHaveLength(0);

    const panel = popup.locator('#site');
    await expect.poll(() => panel.getAttribute('data-site-state')).toBe('disabled');
    expect(await panel.textContent()).toContain(`Not capturing on ${HOST}`);
    await popup.getByRole('button', { name: 'Capture on this site' }).click();
    await expect.poll(() => panel.getAttribute('data-site-state')).toBe('enabled');
    expect(await panel.textContent()).toContain('Reload the page to start');

    const worker = await browser.serviceWorker();
    const scripts = await worker.evaluate(() => (globalThis as unknown as ChromeGlobals).chrome.scripting.getRegisteredContentScripts());
    expect(scripts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: `site:page:http://${HOST}`,
          matches: [`http://${HOST}/*`],
          js: ['content-scripts/capture-page.js'],
          world: 'MAIN',
          runAt: 'document_start',
          allFrames: true,
          persistAcrossSessions: true,
        }),
        expect.objectContaining({ id: `site:relay:http://${HOST}`, world: 'ISOLATED', runAt: 'document_start' }),
      ]),
    );

    const reloaded = chat.waitForEvent('load');
    await popup.getByRole('button', { name: 'Reload page' }).click();
    await reloaded;
    await generate(chat);
    const entry = await library.waitForEntry((item) => item.status === 'done');
    expect(entry.site).toBe(siteOrigin);

    // Registrations persist across a browser restart (same profile).
    await library.clear();
    await browser.close();
    chromium = undefined;
    const restarted = await launch();
    // An unpacked extension loaded with --load-extension is installed afresh at each start, so
    // the background's sync() registers the site again at startup: wait for that, as a user
    // would simply reload a page opened in the first instant.
    const restartedWorker = await restarted.serviceWorker();
    await expect
      .poll(async () =>
        (await restartedWorker.evaluate(() => (globalThis as unknown as ChromeGlobals).chrome.scripting.getRegisteredContentScripts())).map(
          (script) => script.id,
        ),
      )
      .toEqual(expect.arrayContaining([`site:page:http://${HOST}`, `site:relay:http://${HOST}`]));
    const chatAgain = await openChat(restarted);
    const popupAgain = await openPopupFor(restarted);
    await generate(chatAgain);
    await new LibraryPage(popupAgain).waitForEntry((item) => item.status === 'done' && item.site === siteOrigin);
    await expect.poll(() => popupAgain.locator('#site').getAttribute('data-site-state')).toBe('enabled');
  });

  it('is listed on the options page, and removing it there stops capture', async () => {
    const browser = chromium ?? (await launch());
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const row = options.locator(`li[data-origin="http://${HOST}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: `Stop capturing on http://${HOST}` }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await options.locator('#sites').textContent()).toContain('No other sites yet');

    const popup = await openPopupFor(browser);
    const library = new LibraryPage(popup);
    await library.clear();
    const chat = await openChat(browser);
    await generate(chat);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await library.storedEntries()).toHaveLength(0);
    await expect.poll(() => popup.locator('#site').getAttribute('data-site-state')).toBe('disabled');
  });
});
