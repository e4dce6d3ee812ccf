import type { VideoEntry } from '@/src/store/video-entry';
import { clearStoredEntries, readStoredEntries } from './library-idb';

/**
 * The library as an extension page of either browser sees it in IndexedDB: the Playwright
 * (Chromium) and Puppeteer (Firefox) page objects extend this and only say how to run a
 * self-contained function in their page.
 */
export abstract class LibraryReads {
  /** Runs `fn` (no closure: only its source crosses) in the extension page. */
  protected abstract evaluateInPage<R>(fn: () => Promise<R>): Promise<R>;

  /** Every stored entry, straight from IndexedDB. */
  async storedEntries(): Promise<VideoEntry[]> {
    return this.evaluateInPage(readStoredEntries);
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
    await this.evaluateInPage(clearStoredEntries);
  }
}
