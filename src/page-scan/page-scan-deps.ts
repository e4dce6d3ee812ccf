import type { LinkVerdict } from '../background/probe-video-link';
import type { KeptFromPage } from './found-video-entry';
import type { FoundVideo } from './parse-page-scan';

/** The tab the popup scans, as the browser describes it. */
export interface ScannedTab {
  id?: number;
  url?: string;
  title?: string;
}

/** What the popup's "Find videos on this page" needs from the browser and the background. */
export interface PageScanDeps {
  tab(): Promise<ScannedTab | undefined>;
  /** `scripting.executeScript` of `scanFrame` in every frame of the tab: its raw results. */
  scan(tabId: number): Promise<unknown>;
  /** HEAD checks of links only a label calls a video, found on `pageUrl`, done by the extension, not the page. */
  probe(urls: string[], pageUrl: string): Promise<LinkVerdict[]>;
  /** The `videoKey`s of `keys` the library already holds. */
  inLibrary(keys: string[]): Promise<Set<string>>;
  keep(videos: FoundVideo[], page: KeptFromPage): Promise<{ ok: true; added: number } | { ok: false; error: string }>;
}
