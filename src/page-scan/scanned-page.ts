import { safeMediaUrl } from '../gallery/safe-media-url';
import type { KeptFromPage } from './found-video-entry';
import type { ScannedTab } from './page-scan-deps';

/**
 * The tab to scan and the page its videos are kept from, as the browser (not the page) names it;
 * undefined when the tab has no id or is not an http(s) page, where the popup offers no scan.
 */
export function scannedPage(tab: ScannedTab | undefined): { tabId: number; page: KeptFromPage } | undefined {
  const pageUrl = safeMediaUrl(tab?.url);
  if (tab?.id === undefined || !pageUrl) return undefined;
  return { tabId: tab.id, page: { pageUrl, ...(tab.title ? { title: tab.title } : {}) } };
}
