import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFirefoxExtensionDir } from '../../browser/built-firefox-extension';
import { launchFirefoxWithExtension, type FirefoxExtensionBrowser } from '../../browser/launch-firefox';
import { startDemoServer } from '../../demo-site/server';
import { grantActiveTab, skipWithoutChromeScope } from './firefox-session';
import { FirefoxLibraryPage } from './library-page';
import { FirefoxSitePanel } from './site-panel';

// A host outside the default capture sites, resolved to the demo server on loopback.
const HOST = 'capture.test';
const PATTERN = `http://${HOST}/*`;

/** The slice of Firefox's extension APIs the popup page is asked about here. */
interface PopupGlobals {
  browser: {
    permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
    scripting: { getRegisteredContentScripts(): Promise<Array<Record<string, unknown>>> };
  };
}

// Run in the popup page (the function's source crosses to Firefox, so nothing from outside it).
const siteGranted = (origins: string[]) => (globalThis as unknown as PopupGlobals).browser.permissions.contains({ origins });
/** The scripts registered for sites the user enabled (the video apps' own are registered at install). */
const registeredScripts = async () =>
  (await (globalThis as unknown as PopupGlobals).browser.scripting.getRegisteredContentScripts()).filter((script) => String(script.id).startsWith('site:'));

let firefox: FirefoxExtensionBrowser;
let server: { origin: string; close(): Promise<void> };
let downloadsDir: string;
let siteOrigin: string;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  siteOrigin = `http://${HOST}:${new URL(server.origin).port}`;
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-firefox-sites-'));
  firefox = await launchFirefoxWithExtension({
    extensionPath: builtFirefoxExtensionDir(),
    headless: !process.env.HEADED,
    downloadsDir,
    extraPrefs: {
      // Headless Firefox cannot show the permission prompt; this pref answers it "allow", so the
      // popup's own permissions.request call goes through.
      'extensions.webextOptionalPermissionPrompts': false,
      // capture.test resolves to loopback, where the demo server listens.
      'network.dns.localDomains': HOST,
      // The demo page hashes with crypto.subtle, which only a secure context has.
      'dom.securecontext.allowlist': HOST,
    },
  });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

/** Runs one demo answer in the chat page; resolves once the page has read all of it. */
async function generate(page: Page): Promise<void> {
  await page.evaluate(() =>
    (window as unknown as { runCapture(m: string, p: string): Promise<unknown> }).runCapture('reader', '/v1/chat/completions?pace=0'),
  );
}

/** Runs `reload` (which reloads the chat page one way or another) and waits for the new document. */
async function reloadChat(page: Page, reload: () => Promise<unknown>): Promise<void> {
  await page.evaluate(() => {
    (window as { __staleChat?: boolean }).__staleChat = true;
  });
  await reload();
  await expect
    .poll(() =>
      page
        .evaluate(
          () =>
            !(window as { __staleChat?: boolean }).__staleChat &&
            document.readyState === 'complete' &&
            typeof (window as { runCapture?: unknown }).runCapture === 'function',
        )
        .catch(() => false),
    )
    .toBe(true);
}

async function openPopupOver(chat: Page): Promise<Page> {
  // The part of a click on the toolbar button the popup relies on: without activeTab, Firefox
  // hides the address of a tab on a site the extension may not read. (The Chromium test's build
  // holds the site's permission from install instead.)
  const tabId = await grantActiveTab(firefox, chat.url());
  const popup = await firefox.browser.newPage();
  await firefox.gotoExtensionPage(popup, `/popup.html?tab=${tabId}`);
  return popup;
}

describe('capture on a site the user enables from the popup, in Firefox', () => {
  it('does not capture before, captures after enabling and a reload, and stops when disabled', async (context) => {
    skipWithoutChromeScope(context, firefox);
    const chat = await firefox.browser.newPage();
    await chat.goto(`${siteOrigin}/test/page.html`);
    const popup = await openPopupOver(chat);
    const library = new FirefoxLibraryPage(popup);
    const panel = new FirefoxSitePanel(popup);

    // Off by default: an answer on this site leaves the library empty.
    await generate(chat);
    await sleep(1_000);
    expect(await library.storedEntries()).toEqual([]);
    await expect.poll(() => panel.state()).toBe('disabled');
    expect(await panel.text()).toContain(`Not capturing on ${HOST}`);

    expect(await popup.evaluate(siteGranted, [PATTERN])).toBe(false);

    // The popup's own permissions.request, answered "allow" by the pref.
    await panel.click('enable-site');
    await expect.poll(() => panel.state()).toBe('enabled');
    expect(await panel.text()).toContain('Reload the page to start');
    expect(await popup.evaluate(siteGranted, [PATTERN])).toBe(true);
    expect(await popup.evaluate(registeredScripts)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: `site:page:http://${HOST}`,
          matches: [PATTERN],
          js: ['content-scripts/capture-page.js'],
          world: 'MAIN',
          runAt: 'document_start',
          allFrames: true,
          persistAcrossSessions: true,
        }),
        expect.objectContaining({ id: `site:relay:http://${HOST}`, matches: [PATTERN], runAt: 'document_start' }),
      ]),
    );

    await reloadChat(chat, () => panel.click('reload-tab'));
    await generate(chat);
    const entry = await library.waitForEntry((item) => item.status === 'done');
    expect(entry.site).toBe(siteOrigin);

    await panel.click('disable-site');
    await expect.poll(() => panel.state()).toBe('disabled');
    expect(await popup.evaluate(siteGranted, [PATTERN])).toBe(false);
    expect(await popup.evaluate(registeredScripts)).toEqual([]);
    await library.clear();
    await reloadChat(chat, () => chat.reload());
    await generate(chat);
    await sleep(1_000);
    expect(await library.storedEntries()).toEqual([]);
  });
});
