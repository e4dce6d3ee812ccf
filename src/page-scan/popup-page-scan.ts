import type { SendToBackground } from '../gallery/background-client';
import type { VideoDatabase } from '../store/video-db';
import { videoKeysInLibrary } from './library-keys';
import type { PageScanDeps, ScannedTab } from './page-scan-deps';
import { scanFrame } from './scan-page';

/** The part of `scripting` the scan uses. */
export interface ScriptingApi {
  executeScript(injection: { target: { tabId: number; allFrames: true }; func: typeof scanFrame }): Promise<unknown[]>;
}

/** The part of `tabs` the scan uses; tabs carry their `title` too. */
export interface ScanTabsApi {
  get(tabId: number): Promise<ScannedTab>;
  query(query: { active: true; currentWindow: true }): Promise<ScannedTab[]>;
}

/**
 * The popup's page-scan dependencies over the browser's APIs. The scan runs in every frame the
 * extension may read: the popup's `activeTab` grant covers the tab's own origin (frames of other
 * origins are skipped by the browser), so no install-time host permission is asked for.
 */
export function popupPageScanDeps(options: {
  tabs: ScanTabsApi;
  scripting: ScriptingApi;
  sendToBackground: SendToBackground;
  database: () => Promise<VideoDatabase>;
  /** `location.search` of the popup: `?tab=<id>` names the tab when the popup is opened as a tab. */
  search: string;
}): PageScanDeps {
  return {
    async tab() {
      const named = new URLSearchParams(options.search).get('tab');
      if (named !== null && /^\d{1,15}$/.test(named)) return options.tabs.get(Number(named));
      return (await options.tabs.query({ active: true, currentWindow: true }))[0];
    },
    scan: (tabId) => options.scripting.executeScript({ target: { tabId, allFrames: true }, func: scanFrame }),
    probe: async (urls, pageUrl) => (await options.sendToBackground({ type: 'probe-video-links', urls: urls.slice(0, 50), pageUrl })).verdicts,
    inLibrary: (keys) => videoKeysInLibrary(options.database, keys),
    keep: (videos, page) =>
      options.sendToBackground({
        type: 'keep-found-videos',
        pageUrl: page.pageUrl,
        ...(page.title === undefined ? {} : { title: page.title.slice(0, 1000) }),
        videos,
      }),
  };
}
