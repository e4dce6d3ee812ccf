import type { Page } from 'puppeteer-core';
import { LibraryReads } from '../pages/library-reads';

/**
 * The extension's popup in Firefox, opened as a tab (puppeteer over BiDi), and a window onto its
 * IndexedDB: the tests read the library the way the gallery does, from the same origin, without
 * going through the event page (so a suspended background does not hide what was stored).
 */
export class FirefoxLibraryPage extends LibraryReads {
  constructor(readonly page: Page) {
    super();
  }

  protected evaluateInPage<R>(fn: () => Promise<R>): Promise<R> {
    return this.page.evaluate(fn);
  }

  /** Reloads the gallery so it renders what is stored now. */
  async reload(timeoutMs = 15_000): Promise<void> {
    // page.reload() waits for a load event Firefox's BiDi never sends for moz-extension pages,
    // so the old document is marked and the new one is recognised by the missing mark.
    await this.page.evaluate(() => {
      (window as { __staleGallery?: boolean }).__staleGallery = true;
      location.reload();
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = await this.page
        .evaluate(
          () =>
            !(window as { __staleGallery?: boolean }).__staleGallery &&
            document.readyState === 'complete' &&
            document.querySelector('#app') !== null,
        )
        .catch(() => false);
      if (fresh) return;
      if (Date.now() > deadline) throw new Error(`the popup did not reload within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** `data-status` of the rendered entry, or `null` when it is not listed. */
  async entryStatus(id: string): Promise<string | null> {
    return this.page.evaluate(
      (entryId) => document.querySelector(`li.entry[data-entry-id="${CSS.escape(entryId)}"]`)?.getAttribute('data-status') ?? null,
      id,
    );
  }

  /** The prompt text the gallery shows for an entry. */
  async entryPrompt(id: string): Promise<string | null> {
    return this.page.evaluate(
      (entryId) =>
        document.querySelector(`li.entry[data-entry-id="${CSS.escape(entryId)}"] .entry-prompt`)?.textContent ?? null,
      id,
    );
  }

  /** The status line under an entry (download errors show here). */
  async entryMessage(id: string): Promise<string | null> {
    return this.page.evaluate(
      (entryId) =>
        document.querySelector(`li.entry[data-entry-id="${CSS.escape(entryId)}"] .entry-message`)?.textContent ?? null,
      id,
    );
  }

  async download(id: string): Promise<void> {
    await this.act(id, 'download');
  }

  /** Clicks one of an entry's buttons with real input, so the popup gets user activation (clipboard). */
  async act(id: string, action: 'download' | 'copy' | 'open'): Promise<void> {
    await this.page.bringToFront();
    await this.page.click(`li.entry[data-entry-id="${id}"] [data-action="${action}"]`);
  }
}
