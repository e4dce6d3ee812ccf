import type { Locator, Page } from 'playwright-core';
import { LibraryReads } from './library-reads';

/**
 * The extension's popup, opened as a tab, and a window onto its IndexedDB: the tests read
 * the library the way the gallery does, from the same origin, without going through the
 * background (so a stopped service worker does not hide what was stored).
 */
export class LibraryPage extends LibraryReads {
  constructor(readonly page: Page) {
    super();
  }

  protected evaluateInPage<R>(fn: () => Promise<R>): Promise<R> {
    return this.page.evaluate(fn);
  }

  /** Reloads the gallery so it renders what is stored now. */
  async reload(): Promise<void> {
    await this.page.bringToFront();
    await this.page.reload();
  }

  entries(): Locator {
    return this.page.locator('li.entry');
  }

  entry(id: string): Locator {
    return this.page.locator(`li.entry[data-entry-id="${id}"]`);
  }

  /** `data-status` of the rendered entry, or `null` when it is not listed. */
  async entryStatus(id: string): Promise<string | null> {
    return (await this.entry(id).count()) === 0 ? null : this.entry(id).getAttribute('data-status');
  }

  async download(id: string): Promise<void> {
    // A background tab gets no animation frames, and Playwright waits for one before a click.
    await this.page.bringToFront();
    await this.entry(id).locator('[data-action="download"]').click();
  }
}
