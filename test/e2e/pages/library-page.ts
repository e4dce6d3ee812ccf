import type { Locator, Page } from 'playwright-core';
import type { VideoEntry } from '@/src/store/video-entry';
import { clearStoredEntries, readStoredEntries } from './library-idb';

/**
 * The extension's popup, opened as a tab, and a window onto its IndexedDB: the tests read
 * the library the way the gallery does, from the same origin, without going through the
 * background (so a stopped service worker does not hide what was stored).
 */
export class LibraryPage {
  constructor(readonly page: Page) {}

  /** Every stored entry, straight from IndexedDB. */
  async storedEntries(): Promise<VideoEntry[]> {
    return this.page.evaluate(readStoredEntries);
  }

  /** Polls the store until `predicate` holds for some entry; returns that entry. */
  async waitForEntry(predicate: (entry: VideoEntry) => boolean, timeoutMs = 20_000): Promise<VideoEntry> {
    const deadline = Date.now() + timeoutMs;
    let last: VideoEntry[] = [];
    while (Date.now() < deadline) {
      last = await this.storedEntries();
      const found = last.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no matching entry within ${timeoutMs} ms; stored: ${JSON.stringify(last, null, 2)}`);
  }

  /** Empties the library between tests. */
  async clear(): Promise<void> {
    await this.page.evaluate(clearStoredEntries);
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

  async download(id: string): Promise<void> {
    // A background tab gets no animation frames, and Playwright waits for one before a click.
    await this.page.bringToFront();
    await this.entry(id).locator('[data-action="download"]').click();
  }
}
