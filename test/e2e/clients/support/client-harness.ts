import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { builtExtensionDir } from '../../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../../browser/launch-chromium';
import { LibraryPage } from '../../pages/library-page';
import { expectSeedStoredOnce, runClientInPage } from './client-expectations';
import type { ClientResult } from './client-result';
import { startClientSite, type ClientPageName, type ClientSite } from './client-site';

/** A Chromium with the built extension, the client site and the popup's library, for one test file. */
export interface ClientHarness {
  readonly chromium: ExtensionBrowser;
  readonly site: ClientSite;
  readonly library: LibraryPage;
  /** The tab the client pages run in. */
  readonly page: Page;
  /** Opens a client's test page and runs its client (`window.runClient(options)`). */
  runClient(name: ClientPageName, options?: Record<string, unknown>): Promise<ClientResult>;
  /** Waits for the seed's video to be stored as done, checks it, and that it is the only entry. */
  expectSeedStoredOnce(expected: Partial<VideoEntry>): Promise<VideoEntry>;
}

/**
 * Registers the hooks of a client test file: launches Chromium with the extension
 * (`VIDEO_KEEPER_EXTENSION_DIR` or `.output/chrome-mv3`) and the client site with `pages`,
 * and empties the library before each test.
 */
export function useClientHarness(pages: readonly ClientPageName[]): ClientHarness {
  let chromium: ExtensionBrowser | undefined;
  let site: ClientSite | undefined;
  let library: LibraryPage | undefined;
  let page: Page | undefined;
  let downloadsDir: string | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the client harness is not started (beforeAll failed?)');
    return value;
  };

  beforeAll(async () => {
    site = await startClientSite(pages);
    downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-downloads-'));
    chromium = await launchChromiumWithExtension({ extensionPath: builtExtensionDir(), headless: true, downloadsDir });
    library = new LibraryPage(await chromium.openPopup());
    page = await chromium.context.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await site?.close();
    if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await ready(library).clear();
  });

  return {
    get chromium() {
      return ready(chromium);
    },
    get site() {
      return ready(site);
    },
    get library() {
      return ready(library);
    },
    get page() {
      return ready(page);
    },
    async runClient(name, options) {
      const tab = ready(page);
      await tab.bringToFront();
      await tab.goto(ready(site).pageUrl(name));
      return tab.evaluate(runClientInPage, options);
    },
    expectSeedStoredOnce: (expected) => expectSeedStoredOnce(ready(library), ready(site).origin, expected),
  };
}
