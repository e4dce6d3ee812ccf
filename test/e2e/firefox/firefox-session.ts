import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { builtFirefoxExtensionDir } from '../../browser/built-firefox-extension';
import type { TestContext } from 'vitest';
import { chromeScopeMissing, launchFirefoxWithExtension, type FirefoxExtensionBrowser, type LaunchFirefoxOptions } from '../../browser/launch-firefox';
import { FirefoxLibraryPage } from './library-page';

/** What most Firefox test files start from: the built add-on installed, its popup and a chat tab. */
export interface FirefoxSession {
  firefox: FirefoxExtensionBrowser;
  /** The popup, opened as a tab. */
  library: FirefoxLibraryPage;
  /** A blank tab for the chat page. */
  page: Page;
  /** A fresh folder the downloads land in. */
  downloadsDir: string;
  /** Closes Firefox and removes the downloads folder. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Launches Firefox (headless unless HEADED is set) with `.output/firefox-mv3` and a downloads
 * folder named after `name`; `options` add to or override the launch options.
 */
export async function launchFirefoxSession(
  name: string,
  options: Partial<Omit<LaunchFirefoxOptions, 'downloadsDir'>> = {},
): Promise<FirefoxSession> {
  const downloadsDir = await mkdtemp(join(tmpdir(), `video-keeper-firefox-${name}-`));
  let firefox: FirefoxExtensionBrowser | undefined;
  const close = async (): Promise<void> => {
    await firefox?.close();
    await rm(downloadsDir, { recursive: true, force: true });
  };
  try {
    firefox = await launchFirefoxWithExtension({
      extensionPath: builtFirefoxExtensionDir(),
      headless: !process.env.HEADED,
      downloadsDir,
      ...options,
    });
    const library = new FirefoxLibraryPage(await firefox.openPopup());
    const page = await firefox.browser.newPage();
    return { firefox, library, page, downloadsDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Skips the running test, with a message saying why, on a Firefox whose privileged scope the
 * harness cannot reach (ESR 140: see `chromeScope` in test/browser/launch-firefox.ts). Only for
 * checks that read Firefox's internals; everything else runs on every Firefox.
 */
export function skipWithoutChromeScope(context: TestContext, firefox: FirefoxExtensionBrowser): void {
  if (firefox.chromeScope) return;
  const message = chromeScopeMissing(firefox.version, `"${context.task.name}"`);
  console.warn(message);
  context.skip(message);
}

/**
 * What a click on the toolbar button grants the popup (Firefox automation cannot click it):
 * `activeTab` on the tab at `url`, through the add-on's own tab manager, as ext-browserAction's
 * triggerClickOrPopup does. Returns the tab's id, which the popup, opened as a tab of its own, is
 * told with `?tab=<id>`.
 */
export function grantActiveTab(firefox: FirefoxExtensionBrowser, url: string): Promise<number> {
  return firefox.evaluateInChrome<number>(
    `async ({ addonId, url }) => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(addonId);
      const tab = gBrowser.tabs.find((candidate) => candidate.linkedBrowser.currentURI.spec === url);
      if (!tab) throw new Error('no tab at ' + url);
      extension.tabManager.addActiveTabPermission(tab);
      return extension.tabManager.getWrapper(tab).id;
    }`,
    { addonId: firefox.addonId, url },
  );
}
