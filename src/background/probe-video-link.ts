import { mayRequest } from '../extract/local-address';

/** What a look at a link's response headers says it is. */
export type LinkVerdict = 'video' | 'not-video' | 'unknown';

/** The part of `fetch` the probe uses. */
export type ProbeFetch = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'body' | 'url'>>;

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Asks the server what a link labelled as a video really is: a HEAD request, or when HEAD is
 * refused a one-byte range GET. `video/*` (and HLS/DASH manifests) confirm it; HTML, JSON,
 * text and images refute it; anything else (octet-stream, CORS refusal, network error) stays
 * unknown, and the entry keeps its label's word. A link on a local address (`mayRequest`) is
 * not asked unless `page` (the capturing page's URL or origin) is on one too; one that
 * redirected there is not believed.
 */
export async function probeVideoLink(url: string, fetchLink: ProbeFetch, page: string | undefined): Promise<LinkVerdict> {
  if (!mayRequest(url, page)) return 'unknown';
  for (const init of [
    { method: 'HEAD' },
    { method: 'GET', headers: { range: 'bytes=0-0' } },
  ] satisfies RequestInit[]) {
    try {
      const response = await fetchLink(url, {
        ...init,
        credentials: 'omit',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      // Never download the video to look at it: the headers are all we need.
      void response.body?.cancel().catch(() => {});
      if (response.url && !mayRequest(response.url, page)) return 'unknown';
      if (!response.ok) continue;
      return verdictOf(response.headers.get('content-type'));
    } catch {
      // CORS refusal, timeout, offline: try the next way, then give up as unknown.
    }
  }
  return 'unknown';
}

/** Classifies a `Content-Type` header value. */
export function verdictOf(contentType: string | null): LinkVerdict {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('video/') || type === 'application/vnd.apple.mpegurl' || type === 'application/x-mpegurl' || type === 'application/dash+xml') {
    return 'video';
  }
  if (type.startsWith('text/') || type.startsWith('image/') || type.includes('json') || type.includes('html') || type.includes('xml')) {
    return 'not-video';
  }
  return 'unknown';
}
