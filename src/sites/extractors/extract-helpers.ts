import { parseHttpUrl } from '../../extract/http-url';
import type { SiteVideo } from './site-extractor';

/** Small readers of untrusted JSON that every site extractor shares. */

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]…` along a path of keys and indexes, or undefined where the path breaks. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let node = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = (node as unknown[])[step];
    } else {
      if (!isRecord(node)) return undefined;
      node = node[step];
    }
  }
  return node;
}

/** The value as a list (an absent or non-list value is empty). */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

/** The trimmed non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** An id: a non-empty string, or a finite number written as text. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

/** A finite non-negative number (numbers sent as strings too), or undefined. */
export function count(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** The normalized http(s) URL, or undefined (javascript:, data:, blob:, relative, malformed). */
export function httpUrl(value: unknown): string | undefined {
  const candidate = text(value);
  return candidate && candidate.length <= 8192 ? parseHttpUrl(candidate) : undefined;
}

/** Parses JSON text the site nested inside a string field; undefined when it is not JSON. */
export function nestedJson(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 1024 * 1024) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The distinct http(s) URLs among `values`, in order, leaving out `except`. */
export function distinctUrls(values: unknown[], except: readonly string[] = []): string[] {
  const seen = new Set(except);
  const result: string[] = [];
  for (const value of values) {
    const url = httpUrl(value);
    if (url && !seen.has(url)) {
      seen.add(url);
      result.push(url);
    }
  }
  return result;
}

/** What a site reports about one rendition besides its URL; undefined fields are left out. */
export interface VideoDetails {
  cover?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  alternates?: string[] | undefined;
}

/**
 * One generated video with only the details the site gave: absent ones are left out rather
 * than set to undefined, and an empty list of alternates is no list.
 */
export function siteVideo(url: string, details: VideoDetails): SiteVideo {
  const video: SiteVideo = { url };
  if (details.cover !== undefined) video.cover = details.cover;
  if (details.width !== undefined && details.width > 0) video.width = details.width;
  if (details.height !== undefined && details.height > 0) video.height = details.height;
  if (details.durationMs !== undefined && details.durationMs > 0) video.durationMs = Math.round(details.durationMs);
  if (details.alternates !== undefined && details.alternates.length > 0) video.alternates = details.alternates;
  return video;
}
