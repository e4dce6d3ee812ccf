import { entryStory } from '../download/video-story';
import { mayRequest } from '../extract/local-address';
import { parseHttpUrl } from '../extract/http-url';
import { writeMp4Story } from '../mp4/mp4-metadata';
import type { OfflineCopies } from '../offline/offline-copies';
import { keptCopy } from '../offline/offline-copies';
import type { VideoEntry } from '../store/video-entry';
import type { SelectionZipSource, ZipBody } from './selection-zip';

/** A fetched file that is an error page rather than media is not put in the ZIP as the video. */
const NOT_MEDIA = /^(?:text\/|application\/(?:json|xml|problem))/;
const FETCH_TIMEOUT_MS = 10 * 60_000;

/**
 * Where the gallery's ZIP reads from: kept copies (the story written into the MP4 when the user
 * wants it; the copy's Blob is sliced, not read whole), else the link, streamed, fetched as the
 * offline copies are (no cookies, no referrer, no local address from a public page).
 */
export function zipSources(
  copies: Pick<OfflineCopies, 'get'>,
  fetch: (url: string, init: RequestInit) => Promise<Response>,
  options: { embed: boolean },
): SelectionZipSource {
  return {
    async copy(entry: VideoEntry) {
      const kept = keptCopy(await copies.get(entry.id));
      if (!kept) return undefined;
      const video = options.embed ? ((await writeMp4Story(kept.video, entryStory(entry)).catch(() => undefined)) ?? kept.video) : kept.video;
      return { video, ...(kept.cover && { cover: kept.cover }) };
    },
    async fetch(url, _kind, entry): Promise<ZipBody> {
      const link = parseHttpUrl(url);
      if (!link || !mayRequest(link, entry.site)) return { ok: false, error: 'not an http(s) link the extension may fetch' };
      let response: Response;
      try {
        response = await fetch(link, { credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const type = (response.headers.get('content-type') ?? '').toLowerCase();
      if (!response.ok || !response.body || NOT_MEDIA.test(type)) {
        void response.body?.cancel().catch(() => {});
        return { ok: false, error: response.ok ? `the server sent ${type}` : `HTTP ${response.status}` };
      }
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      return { ok: true, body: response.body, ...(Number.isFinite(length) && { size: length }) };
    },
  };
}
