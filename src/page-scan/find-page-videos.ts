import { parsePageScan, type FoundVideo } from './parse-page-scan';
import type { PageScanDeps } from './page-scan-deps';
import { probeLabelledLinks } from './probe-labelled-links';

/** What "Find videos on this page" found on a tab. */
export interface PageVideos {
  /** The videos to offer: the page's files, then the labelled links a HEAD check confirmed. */
  videos: FoundVideo[];
  /** The `videoKey`s of `videos` the library holds already (none when the library cannot be read). */
  inLibrary: Set<string>;
  /** `<video>`s playing from a stream: no file to keep. */
  streams: number;
}

/** Scans every frame of tab `tabId`, checks its labelled links and asks the library which videos it has. */
export async function findPageVideos(deps: Pick<PageScanDeps, 'scan' | 'probe' | 'inLibrary'>, tabId: number, pageUrl: string): Promise<PageVideos> {
  const scan = parsePageScan(await deps.scan(tabId));
  const videos = [...scan.videos, ...(await probeLabelledLinks(scan.labelled, pageUrl, deps))];
  const inLibrary = await deps.inLibrary(videos.map((video) => video.key)).catch(() => new Set<string>());
  return { videos, inLibrary, streams: scan.streams };
}
