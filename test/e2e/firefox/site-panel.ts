import type { Page } from 'puppeteer-core';

/** The buttons the popup's site panel shows, by their `data-action`. */
export type SitePanelAction = 'enable-site' | 'disable-site' | 'reload-tab';

/** The popup's line about the chat tab's site (`#site`), in Firefox (puppeteer over BiDi). */
export class FirefoxSitePanel {
  constructor(readonly page: Page) {}

  /** `data-site-state`: `default`, `enabled`, `disabled`, `unsupported` or `error`; `null` before the first draw. */
  async state(): Promise<string | null> {
    return this.page.evaluate(() => document.querySelector('#site')?.getAttribute('data-site-state') ?? null);
  }

  /** What the panel says, error line included. */
  async text(): Promise<string> {
    return this.page.evaluate(() => document.querySelector('#site')?.textContent ?? '');
  }

  /** Clicks a panel button with real input, so `permissions.request` gets its user gesture. */
  async click(action: SitePanelAction): Promise<void> {
    await this.page.bringToFront();
    await this.page.click(`#site [data-action="${action}"]`);
  }
}
