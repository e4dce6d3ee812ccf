import type { LinkVerdict } from '../background/probe-video-link';
import { parseHttpUrl } from '../extract/http-url';
import { t } from '../i18n/t';
import type { BackgroundRequests } from '../protocol/messages';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import { keptVideoUpdate } from './found-video-entry';
import { parseKeptVideos } from './parse-page-scan';

type Handler<T extends keyof BackgroundRequests> = (
  request: BackgroundRequests[T]['request'],
) => Promise<BackgroundRequests[T]['response']>;

/** What the page-scan requests need from the background. */
export interface PageScanHandlerDeps {
  /**
   * Stores updates through the background's one write queue (src/background/write-queue.ts), so
   * link checks, offline copies and the pages' refresh follow; resolves with the stored entries.
   */
  write(updates: EntryUpdate[]): Promise<VideoEntry[]>;
  /** Probes `url` found on the page `pageUrl` (undefined: the page is not known, so no local address). */
  probe(url: string, pageUrl: string | undefined): Promise<LinkVerdict>;
  now(): number;
}

/** The background's answers to the popup's page scan: keep the chosen videos, probe labelled links. */
export function createPageScanHandlers(deps: PageScanHandlerDeps): {
  'keep-found-videos': Handler<'keep-found-videos'>;
  'probe-video-links': Handler<'probe-video-links'>;
} {
  return {
    async 'keep-found-videos'({ pageUrl, title, videos }) {
      const page = { pageUrl, ...(title === undefined ? {} : { title }) };
      const updates = parseKeptVideos(videos).flatMap((video) => keptVideoUpdate(video, page, 'found-on-page') ?? []);
      if (updates.length === 0) return { ok: true, added: 0, kept: 0 };
      const before = deps.now();
      try {
        const stored = await deps.write(updates);
        // A new entry is created when the queue stores it, not before; one the library held keeps its first `createdAt`.
        return { ok: true, added: stored.filter((entry) => entry.createdAt >= before).length, kept: stored.length };
      } catch (error) {
        return { ok: false, error: t('keepFailed', error instanceof Error ? error.message : String(error)) };
      }
    },
    async 'probe-video-links'({ urls, pageUrl }) {
      const page = parseHttpUrl(pageUrl);
      const verdict = async (url: string): Promise<LinkVerdict> => {
        const link = parseHttpUrl(url);
        return link ? deps.probe(link, page).catch((): LinkVerdict => 'unknown') : 'not-video';
      };
      return { verdicts: await Promise.all(urls.map(verdict)) };
    },
  };
}
