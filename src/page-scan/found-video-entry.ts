import { linkEntryIdentity } from '../store/entry-identity';
import { parseHttpUrl } from '../extract/http-url';
import type { EntryUpdate } from '../store/merge-entry';
import type { EntrySource } from '../store/video-entry';
import { cleanText, type FoundVideo } from './parse-page-scan';

/** The page a video was kept from, as the browser (not the page) names it. */
export interface KeptFromPage {
  pageUrl: string;
  title?: string;
}

/**
 * The library entry of a video kept by hand (page scan, context menu). Its id is `url:<videoKey>`,
 * as a live capture of a task-less video, so keeping it twice, or keeping a video the capture
 * already has, adds nothing (the store also merges by `videoKey`). It is `done`: the file exists.
 * The library has no title field; the page title stands in as the prompt when the page shows no
 * chat text before the video. Undefined when the page address is not http(s).
 */
export function keptVideoUpdate(video: FoundVideo, page: KeptFromPage, source: EntrySource): EntryUpdate | undefined {
  const pageUrl = parseHttpUrl(page.pageUrl);
  if (!pageUrl) return undefined;
  const parsedPage = new URL(pageUrl);
  parsedPage.username = '';
  parsedPage.password = '';
  const { id, ...link } = linkEntryIdentity(video.url, video.key);
  const prompt = video.prompt ?? cleanText(page.title, 300);
  return {
    id,
    status: 'done',
    progress: 0,
    videoUrl: video.url,
    ...link,
    ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}),
    ...(prompt ? { prompt } : {}),
    site: parsedPage.origin,
    pageUrl: parsedPage.href,
    // Nothing streamed: the page it was found on is where it came from.
    endpointUrl: parsedPage.href,
    index: 0,
    source,
  };
}
