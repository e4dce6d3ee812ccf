import { videoKey } from '../extract/video-key';
import type { Mp4Story } from '../mp4/mp4-metadata';
import type { VideoEntry } from '../store/video-entry';

/** The title is the prompt cut to this many characters (players show one line). */
export const TITLE_MAX_CHARS = 80;
export const ENCODER_TAG = 'Video Keeper';

const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : undefined;

/** `text` cut to `max` characters (whole graphemes, so no emoji or CJK cluster is split), with `…` when cut. */
export function shortened(text: string, max: number = TITLE_MAX_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const { segment } of graphemes?.segment(flat) ?? Array.from(flat, (segment) => ({ segment }))) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** What a video is, as one record: the sidecar `.json`, a row of the ZIP's `videos.json`. */
export interface VideoRecord {
  id: string;
  prompt?: string;
  site: string;
  model?: string;
  taskId?: string;
  page: string;
  /** The link without its signature or expiry (it would not work for long, and it is a credential). */
  video?: string;
  cover?: string;
  createdAt: string;
  status: VideoEntry['status'];
  width?: number;
  height?: number;
  durationMs?: number;
}

/** The entry's story as a plain record; no signed query string is kept. */
export function videoRecord(entry: VideoEntry): VideoRecord {
  return {
    id: entry.id,
    ...(entry.prompt !== undefined && { prompt: entry.prompt }),
    site: entry.site,
    ...(entry.model !== undefined && { model: entry.model }),
    ...(entry.taskId !== undefined && { taskId: entry.taskId }),
    page: entry.pageUrl,
    ...(entry.videoUrl !== undefined && { video: videoKey(entry.videoUrl) }),
    ...(entry.coverUrl !== undefined && { cover: videoKey(entry.coverUrl) }),
    createdAt: new Date(entry.createdAt).toISOString(),
    status: entry.status,
    ...(entry.width !== undefined && { width: entry.width }),
    ...(entry.height !== undefined && { height: entry.height }),
    ...(entry.durationMs !== undefined && { durationMs: entry.durationMs }),
  };
}

/** The sidecar `.json` saved beside a video: its record, pretty-printed. */
export function sidecarJson(entry: VideoEntry): string {
  return `${JSON.stringify(videoRecord(entry), null, 2)}\n`;
}

/**
 * The metadata written into a downloaded MP4: the prompt (shortened) as its title; the whole
 * prompt, site, model, task and page in its comment; the prompt as its description; the
 * capture date; `Video Keeper` as the encoder.
 */
export function entryStory(entry: VideoEntry): Mp4Story {
  const prompt = entry.prompt?.trim();
  const lines = [
    ...(prompt ? [prompt, ''] : []),
    `Site: ${entry.site}`,
    ...(entry.model ? [`Model: ${entry.model}`] : []),
    ...(entry.taskId ? [`Task: ${entry.taskId}`] : []),
    `Page: ${entry.pageUrl}`,
  ];
  return {
    ...(prompt && { title: shortened(prompt), description: prompt }),
    comment: lines.join('\n'),
    date: new Date(entry.createdAt).toISOString(),
    encoder: ENCODER_TAG,
  };
}
