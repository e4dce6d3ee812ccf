import type { Page } from 'puppeteer-core';
import { LibraryReads } from '../../pages/library-reads';

/**
 * The popup's "Find videos on this page" section, driven through puppeteer (Chromium and
 * Firefox), and the library it stores into (read from the popup's own IndexedDB).
 */
export class PageScanPopup extends LibraryReads {
  constructor(readonly page: Page) {
    super();
  }

  protected evaluateInPage<R>(fn: () => Promise<R>): Promise<R> {
    return this.page.evaluate(fn);
  }

  /** Clicks the button by its accessible name, as a user (or a screen reader) finds it. */
  async click(name: string): Promise<void> {
    await this.page.locator(`::-p-aria(${name}[role="button"])`).click();
  }

  async status(): Promise<string> {
    return this.page.$eval('.page-scan-status', (node) => node.textContent ?? '');
  }

  /** Waits until the status line matches `pattern`; returns it. */
  async waitForStatus(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await this.status().catch(() => '');
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`status "${text}" never matched ${pattern}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The video URLs offered, in order (each item's host carries its URL as a tooltip). */
  async offered(): Promise<string[]> {
    return this.page.$$eval('li.found-video .found-video-host', (nodes) => nodes.map((node) => node.getAttribute('title') ?? ''));
  }

  /** How many offered items say "already in your library". */
  async markedKept(): Promise<number> {
    return this.page.$$eval('li.found-video .found-video-kept', (nodes) => nodes.filter((node) => !(node as HTMLElement).hidden).length);
  }

  /** Per-item Keep buttons, found by their exact accessible name. */
  async keepButtons(): Promise<number> {
    return this.page.$$eval('li.found-video button', (nodes) => nodes.filter((node) => node.textContent === 'Keep').length);
  }

  async streamsNotice(): Promise<string> {
    return this.page.$eval('.page-scan-streams', (node) => node.textContent ?? '').catch(() => '');
  }

  /** Every frame's `outerHTML`, to show the scan changed nothing on the page. */
  static async pageHtml(page: Page): Promise<string[]> {
    return Promise.all(page.frames().map((frame) => frame.evaluate(() => document.documentElement.outerHTML)));
  }
}
