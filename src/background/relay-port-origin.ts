import { parseHttpUrl } from '../extract/http-url';
import type { CapturePort } from './capture-port';

/** Where a relay Port's captures come from: the page, and its origin as the entries' site. */
export interface RelayPortOrigin {
  site: string;
  pageUrl: string;
}

/**
 * The origin of a relay Port the browser vouches for, or `undefined` for one the background
 * refuses: only this extension's own content scripts, in a tab, on an http(s) page, feed captures.
 */
export function relayPortOrigin(sender: CapturePort['sender'], extensionId: string): RelayPortOrigin | undefined {
  const pageUrl = withoutCredentials(parseHttpUrl(sender?.url));
  const tabId = sender?.tab?.id;
  // A tab id of -1 (TAB_ID_NONE) is a context outside any tab.
  if (sender?.id !== extensionId || tabId === undefined || tabId < 0 || !pageUrl) return undefined;
  return { site: new URL(pageUrl).origin, pageUrl };
}

/** The URL without `user:password@`: the library keeps where a video came from, not a login. */
function withoutCredentials(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
