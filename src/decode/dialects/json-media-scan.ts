import { isRecord, nonBlank, type Dialect, type DialectRead, type DialectReader } from './dialect';

/** Keys (lower case, without `_`/`-`) whose http(s) value is a video unless it is an image. */
const VIDEO_KEYS = new Set(['video', 'videos', 'videourl', 'videourls', 'videouri']);
/** Keys whose value is a cover image of the video beside it. */
const COVER_KEYS = new Set([
  'cover',
  'coverurl',
  'coverimage',
  'coverimageurl',
  'poster',
  'posterurl',
  'thumbnail',
  'thumbnailurl',
  'thumb',
  'thumburl',
]);
/** Keys whose http(s) value is a video only when its path names a video file (or it sits under a video key). */
const URL_KEYS = new Set(['url', 'uri', 'urls', 'src', 'href', 'output', 'outputs', 'fileurl', 'downloadurl', 'resulturl']);
const VIDEO_FILE = /\.(mp4|webm|mov|m4v|mkv)$/i;
const IMAGE_FILE = /\.(jpe?g|png|webp|gif|avif|bmp)$/i;
/** Bounds of one scan: a task-polling answer is a few levels and a few dozen values deep. */
const MAX_DEPTH = 24;
const MAX_NODES = 50_000;
const MAX_URL = 4096;
const MAX_VIDEOS = 64;

type Role = 'video' | 'cover' | 'url';

interface Found {
  videos: string[];
  covers: string[];
}

/**
 * Last resort for JSON that no chat dialect owns: the task-polling answers of video APIs
 * (CogVideoX's `{"task_status": "SUCCESS", "video_result": [{"url", "cover_image_url"}]}`,
 * `{"data": {"video_url", "poster"}}`…). It walks the JSON (bounded in depth and size) for
 * video URLs and the covers beside them and passes them on as the markdown links the answer
 * extractor already reads (`[封面](cover)` then `[视频](video)`), so one extractor serves
 * every dialect. It takes a stream only when a message holds a video, and is registered last,
 * so chat streams that merely mention URLs stay with their own dialect.
 */
export const jsonMediaScan: Dialect = { name: 'json-media-scan', create: createMediaScanReader };

function createMediaScanReader(): DialectReader {
  const seen = new Set<string>();
  let claimed = false;

  return {
    read({ json }) {
      if (typeof json !== 'object' || json === null) return claimed ? {} : undefined;
      let nodes = 0;
      /** Some of the message was not scanned (reported). */
      let truncated = false;
      /** The node or video budget is spent: nothing more is scanned. */
      let exhausted = false;
      const spend = (): boolean => {
        if (++nodes <= MAX_NODES) return true;
        truncated = exhausted = true;
        return false;
      };
      let text = '';

      const emit = ({ videos, covers }: Found): void => {
        // Covers pair with videos by position when the counts agree; one video takes the first cover.
        const pairs = covers.length === videos.length || videos.length === 1;
        for (const [index, video] of videos.entries()) {
          if (seen.has(video)) continue;
          if (seen.size >= MAX_VIDEOS) {
            truncated = exhausted = true;
            return;
          }
          seen.add(video);
          const cover = pairs ? covers[index] : undefined;
          text += `${cover ? `[封面](${cover})\n` : ''}[视频](${video})\n`;
        }
      };

      const walk = (node: unknown, depth: number, role: 'video' | 'cover' | undefined, into: Found | undefined): void => {
        if (exhausted || !spend()) return;
        if (depth > MAX_DEPTH) {
          // Only this branch is skipped: its siblings may still hold the video.
          truncated = true;
          return;
        }
        if (Array.isArray(node)) {
          for (const item of node as unknown[]) walk(item, depth + 1, role, undefined);
          return;
        }
        if (!isRecord(node)) return;
        const found: Found = { videos: [], covers: [] };
        for (const [key, value] of Object.entries(node)) {
          const keyRole = roleOf(key);
          const effective: Role | undefined = keyRole === 'url' ? (role ?? 'url') : keyRole;
          for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
            if (exhausted) break;
            if (typeof item === 'string') {
              if (spend() && effective) take(found, effective, item);
            } else if (typeof item === 'object' && item !== null) {
              const childRole = effective === 'video' || effective === 'cover' ? effective : undefined;
              // A lone object under `video`/`cover` describes this record's video or cover; items
              // of a list are videos of their own.
              walk(item, depth + 1, childRole, childRole && !Array.isArray(value) ? found : undefined);
            }
          }
        }
        if (into) {
          into.videos.push(...found.videos);
          into.covers.push(...found.covers);
        } else {
          emit(found);
        }
      };

      walk(json, 0, undefined, undefined);
      const read: DialectRead = {};
      if (text !== '') {
        read.text = text;
        if (!claimed && isRecord(json)) {
          const model = nonBlank(json.model);
          if (model) read.model = model;
        }
        claimed = true;
      }
      if (truncated) {
        read.issue = {
          type: 'scan-limit',
          message: `a JSON message deeper than ${MAX_DEPTH}, larger than ${MAX_NODES} values or with more than ${MAX_VIDEOS} videos was scanned only in part`,
        };
      }
      return claimed ? read : undefined;
    },
  };
}

function roleOf(key: string): Role | undefined {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  if (VIDEO_KEYS.has(normalized)) return 'video';
  if (COVER_KEYS.has(normalized)) return 'cover';
  if (URL_KEYS.has(normalized)) return 'url';
  return undefined;
}

function take(found: Found, role: Role, text: string): void {
  const url = markdownSafeUrl(text);
  if (!url) return;
  const path = new URL(url).pathname;
  if (role === 'cover') found.covers.push(url);
  else if (role === 'video' ? !IMAGE_FILE.test(path) : VIDEO_FILE.test(path)) found.videos.push(url);
}

/**
 * The normalized http(s) URL, with the characters that would end a markdown link target
 * (`(`, `)`) percent-encoded; servers read `%28`/`%29` as the same path. Else undefined.
 */
function markdownSafeUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_URL || !/^https?:\/\//i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!url.hostname) return undefined;
  return url.href.replaceAll('(', '%28').replaceAll(')', '%29');
}
