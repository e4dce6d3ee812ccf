import { mayRequest } from '../extract/local-address';
import type { SkipReason } from '../store/offline-copy';

/** What fetching one file for an offline copy gave. */
export type FetchedMedia = { ok: true; blob: Blob } | { ok: false; reason: SkipReason; detail: string };

/** The part of `fetch` used here. */
export type MediaFetch = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'body' | 'url'>>;

export interface FetchMediaOptions {
  /** `video` for the video itself, `image` for its cover. */
  kind: 'video' | 'image';
  /** A file larger than this is not kept (checked on `Content-Length` and again while reading). */
  maxBytes: number;
  fetch: MediaFetch;
  /** The page (URL or origin) the entry was captured on: a file on a local address is fetched only for a page on one. */
  site: string;
  /** Gives up after this long in all; default 10 minutes (a large video on a slow line). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const LOCAL_REFUSED = 'a local network address, and the page is not on one';
/**
 * Covers are kept as raster images only: an SVG is a document (scripts, external loads), not a
 * picture, whatever a page says.
 */
const RASTER_IMAGES = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

// CDNs of video models often serve their files as octet-stream or with no type at all.
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary']);
const TYPE_BY_EXTENSION: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

/**
 * Fetches one media file into a Blob, for the offline copy: without cookies or referrer (the
 * link is signed; it needs neither), refusing what is not the expected kind (an expired link's
 * HTML or XML error page must not be kept as "the video") and stopping as soon as the file
 * passes `maxBytes`, so a huge file never sits in memory. Never throws.
 */
export async function fetchMedia(url: string, options: FetchMediaOptions): Promise<FetchedMedia> {
  const { kind, maxBytes } = options;
  if (!mayRequest(url, options.site)) return { ok: false, reason: 'unreachable', detail: LOCAL_REFUSED };
  let response: Awaited<ReturnType<MediaFetch>>;
  try {
    response = await options.fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: describe(error) };
  }
  const cancel = (): void => void response.body?.cancel().catch(() => {});
  // Redirects are followed by the browser; where they ended is checked, and nothing of it is read.
  if (response.url && !mayRequest(response.url, options.site)) {
    cancel();
    return { ok: false, reason: 'unreachable', detail: `redirected: ${LOCAL_REFUSED}` };
  }
  if (!response.ok) {
    cancel();
    return { ok: false, reason: 'unreachable', detail: `HTTP ${response.status}` };
  }
  const declared = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const type = mediaType(declared, url, kind);
  if (!type) {
    cancel();
    return { ok: false, reason: 'not-video', detail: `the server sent ${declared || 'no content type'}` };
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length > maxBytes) {
    cancel();
    return { ok: false, reason: 'too-large', detail: `${length} bytes, more than the ${maxBytes} left` };
  }
  if (!response.body) return { ok: false, reason: 'unreachable', detail: 'the response had no body' };

  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => {});
        return { ok: false, reason: 'too-large', detail: `more than the ${maxBytes} bytes left` };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: `the download broke: ${describe(error)}` };
  }
  if (size === 0) return { ok: false, reason: 'not-video', detail: 'the file was empty' };
  return { ok: true, blob: new Blob(chunks as BlobPart[], { type }) };
}

/** The Blob type to keep, or undefined when the response is not the expected kind of file. */
function mediaType(declared: string, url: string, kind: FetchedKind): string | undefined {
  if (kind === 'image' && declared.startsWith('image/')) return RASTER_IMAGES.has(declared) ? declared : undefined;
  const wanted = kind === 'video' ? 'video/' : 'image/';
  if (declared.startsWith(wanted)) return declared;
  if (!UNTYPED.has(declared)) return undefined;
  const guessed = TYPE_BY_EXTENSION[extensionOf(url)];
  if (guessed?.startsWith(wanted)) return guessed;
  return kind === 'video' ? 'video/mp4' : 'image/jpeg';
}

type FetchedKind = FetchMediaOptions['kind'];

function extensionOf(url: string): string {
  try {
    return /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.name === 'TimeoutError' ? 'timed out' : error.message || error.name;
  return String(error);
}
