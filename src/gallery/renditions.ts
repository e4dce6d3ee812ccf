import type { VideoEntry } from '../store/video-entry';
import { safeMediaUrl } from './safe-media-url';

/** What a rendition's URL says about it; each part absent when its name does not say. */
export interface RenditionTraits {
  /** `true`: with the app's watermark; `false`: said to be without one. */
  watermark?: boolean;
  /** `1080p`, `720p`, `4K`, `HD`, `SD`. */
  quality?: string;
  /** `gif`, `webm`, `mov` when not an MP4. */
  format?: string;
  /** A preview, thumbnail or otherwise smaller file. */
  preview?: boolean;
}

/** One downloadable rendition of an entry: 0 is the video itself, n is `alternates[n - 1]`. */
export interface Rendition extends RenditionTraits {
  index: number;
  url: string;
}

/** Renditions kept per entry at most (the store bounds `alternates` too). */
export const MAX_RENDITIONS = 16;

const WATERMARK = new Set(['watermark', 'watermarked', 'wm', 'withwm', 'logo']);
const NO_WATERMARK = new Set(['nowm', 'nowatermark', 'nwm', 'unwatermarked', 'withoutwatermark', 'clean', 'raw']);
const PREVIEW = new Set(['preview', 'thumb', 'thumbnail', 'small', 'low', 'lowres', 'lite', 'proxy']);
const QUALITY_WORDS: Readonly<Record<string, string>> = { '4k': '4K', uhd: '4K', fhd: '1080p', hd: 'HD', sd: 'SD' };
const FORMATS = new Set(['gif', 'webm', 'mov', 'm4v']);

/**
 * The entry's video and its alternates, each with what its URL's path and query name say of
 * it (`…_watermark.mp4`, `…/720p/…`, `.gif`, `?wm=1`); only http(s) ones, the video first.
 */
export function entryRenditions(entry: Pick<VideoEntry, 'videoUrl' | 'alternates'>): Rendition[] {
  const result: Rendition[] = [];
  const main = safeMediaUrl(entry.videoUrl);
  if (main) result.push({ index: 0, url: main, ...renditionTraits(main) });
  (entry.alternates ?? []).slice(0, MAX_RENDITIONS).forEach((alternate, n) => {
    const url = safeMediaUrl(alternate);
    if (url) result.push({ index: n + 1, url, ...renditionTraits(url) });
  });
  return result;
}

/** What a URL's words say of the file it names; linear in its length. */
export function renditionTraits(url: string): RenditionTraits {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const traits: RenditionTraits = {};
  const extension = /\.([a-z0-9]{2,4})$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  if (extension && FORMATS.has(extension)) traits.format = extension;
  // Words of the path and of the query's names and values: `with_wm`, `no-watermark`, `720P`.
  const text = `${parsed.pathname} ${[...parsed.searchParams].map(([name, value]) => `${name}=${value}`).join(' ')}`.slice(0, 4000).toLowerCase();
  const words = text.split(/[^a-z0-9]+/).filter(Boolean);
  for (const [i, word] of words.entries()) {
    const pair = word + (words[i + 1] ?? '');
    const triple = pair + (words[i + 2] ?? '');
    if (NO_WATERMARK.has(word) || NO_WATERMARK.has(pair) || NO_WATERMARK.has(triple)) traits.watermark = false;
    else if (traits.watermark === undefined && (WATERMARK.has(word) || WATERMARK.has(pair))) traits.watermark = true;
    if (PREVIEW.has(word)) traits.preview = true;
    if (traits.quality === undefined) {
      const lines = /^(\d{3,4})p$/.exec(word)?.[1];
      if (lines !== undefined) traits.quality = `${lines}p`;
      else if (QUALITY_WORDS[word] !== undefined) traits.quality = QUALITY_WORDS[word];
    }
  }
  // `?wm=0` / `watermark=false` say there is none.
  for (const [name, value] of parsed.searchParams) {
    const key = name.toLowerCase().replace(/[^a-z]/g, '');
    if ((key === 'wm' || key === 'watermark') && /^(0|false|no)$/i.test(value)) traits.watermark = false;
  }
  return traits;
}
