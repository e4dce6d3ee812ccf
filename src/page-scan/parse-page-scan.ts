import { parseHttpUrl } from '../extract/http-url';
import { judgeLink } from '../extract/link-kind';
import { videoKey } from '../extract/video-key';

/** A video the page shows, checked: an http(s) file address, with what the page says about it. */
export interface FoundVideo {
  url: string;
  /** `videoKey(url)`: how the library knows it already has this video. */
  key: string;
  coverUrl?: string;
  /** The chat text before the video, when the page has one (see `scanFrame`). */
  prompt?: string;
}

/** What a scan of all the frames of a tab found. */
export interface PageScan {
  /** Videos to offer: `<video>` sources, links to video files, media the page loaded. */
  videos: FoundVideo[];
  /** Links only their label calls a video (`视频`, `video`): offered once a HEAD check says video/*. */
  labelled: FoundVideo[];
  /** `<video>`s playing from `blob:` (MediaSource) or a MediaStream: no file to keep. */
  streams: number;
}

/** Frames read at most; a tab with more is hostile or absurd. */
export const MAX_FRAMES = 64;
/** Items read per frame (the scan itself sends at most 300). */
const MAX_ITEMS_PER_FRAME = 300;
/** Videos offered at most, in all. */
export const MAX_FOUND_VIDEOS = 200;
/** Prompt and label text kept, in characters. */
export const MAX_PROMPT_CHARS = 500;
const MAX_LABEL_CHARS = 200;

type Kind = 'video' | 'link' | 'resource' | 'stream';

/**
 * Checks what `scripting.executeScript(scanFrame)` answered for every frame of a tab (an array of
 * `{ frameId, result }`) and turns it into the videos to offer. The results come from the page,
 * so everything is re-checked here: shape, counts and lengths; http(s) only (never `javascript:`,
 * `data:` or `blob:`); images, HTML pages and other documents are dropped by `judgeLink`; one
 * video (by `videoKey`) is offered once, with the first cover and prompt any frame gave it.
 */
export function parsePageScan(injectionResults: unknown): PageScan {
  const scan: PageScan = { videos: [], labelled: [], streams: 0 };
  if (!Array.isArray(injectionResults)) return scan;
  const byKey = new Map<string, FoundVideo>();
  const labelledByKey = new Map<string, FoundVideo>();
  for (const frame of injectionResults.slice(0, MAX_FRAMES)) {
    const items = record(record(frame)?.result)?.items;
    if (!Array.isArray(items)) continue;
    for (const value of items.slice(0, MAX_ITEMS_PER_FRAME)) {
      const item = record(value);
      const kind = item?.kind;
      if (!item || !isKind(kind)) continue;
      if (kind === 'stream') {
        scan.streams++;
        continue;
      }
      const url = parseHttpUrl(shortString(item.url, 4096));
      if (!url) continue;
      const label = shortString(item.label, MAX_LABEL_CHARS);
      // `<video>` sources and media the browser loaded are videos by the browser's own word,
      // unless their file name says image or page; a link is judged by its name and label.
      const judgement = judgeLink({ url, ...(kind === 'link' ? (label ? { label } : {}) : { hint: 'video' as const }) });
      if (judgement.kind !== 'video') continue;
      const key = videoKey(url);
      const needsProbe = kind === 'link' && judgement.unconfirmed;
      const target = needsProbe ? labelledByKey : byKey;
      if (!needsProbe) labelledByKey.delete(key);
      else if (byKey.has(key)) continue;
      const found = target.get(key) ?? (target.size < MAX_FOUND_VIDEOS ? { url, key } : undefined);
      if (!found) continue;
      target.set(key, found);
      const cover = parseHttpUrl(shortString(item.poster, 4096));
      if (!found.coverUrl && cover && judgeLink({ url: cover, hint: 'cover' }).kind === 'cover') found.coverUrl = cover;
      const prompt = cleanText(item.prompt, MAX_PROMPT_CHARS);
      if (!found.prompt && prompt) found.prompt = prompt;
    }
  }
  scan.videos = [...byKey.values()];
  scan.labelled = [...labelledByKey.values()].filter((video) => !byKey.has(video.key));
  return scan;
}

/**
 * Checks videos sent to the background to be kept (the popup's choice, or a context-menu
 * click): an http(s) URL that is not an image or page, an http(s) cover, a bounded prompt.
 * Anything else is dropped; at most `MAX_FOUND_VIDEOS`.
 */
export function parseKeptVideos(values: unknown): FoundVideo[] {
  if (!Array.isArray(values)) return [];
  const videos = new Map<string, FoundVideo>();
  for (const value of values.slice(0, MAX_FOUND_VIDEOS)) {
    const item = record(value);
    const url = parseHttpUrl(shortString(item?.url, 4096));
    if (!item || !url || judgeLink({ url, hint: 'video' }).kind !== 'video') continue;
    const key = videoKey(url);
    if (videos.has(key)) continue;
    const video: FoundVideo = { url, key };
    const cover = parseHttpUrl(shortString(item.coverUrl, 4096));
    if (cover) video.coverUrl = cover;
    const prompt = cleanText(item.prompt, MAX_PROMPT_CHARS);
    if (prompt) video.prompt = prompt;
    videos.set(key, video);
  }
  return [...videos.values()];
}

/** Text with runs of white space and control characters made one space, trimmed and cut. */
export function cleanText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.slice(0, max * 4).replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
  return text || undefined;
}

function isKind(value: unknown): value is Kind {
  return value === 'video' || value === 'link' || value === 'resource' || value === 'stream';
}

function shortString(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
