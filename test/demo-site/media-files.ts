import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A sample file the demo serves for every media URL of its kind. */
export interface MediaFile {
  contentType: string;
  bytes: Uint8Array;
}

/** The three sample files, loaded once. */
export interface MediaLibrary {
  cover: MediaFile;
  mp4: MediaFile;
  webm: MediaFile;
}

/** A byte range resolved against a file size: `start`..`end` inclusive, as in `Content-Range`. */
export type RangeRequest =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/** Loads `media/sample*` from a fixtures directory. */
export function loadMediaLibrary(fixturesDir: string): MediaLibrary {
  const read = (name: string) => new Uint8Array(readFileSync(join(fixturesDir, 'media', name)));
  return {
    cover: { contentType: 'image/jpeg', bytes: read('sample-cover.jpeg') },
    mp4: { contentType: 'video/mp4', bytes: read('sample.mp4') },
    webm: { contentType: 'video/webm', bytes: read('sample.webm') },
  };
}

/**
 * Picks the sample for a `/media/<name>` request. Only the name's pattern chooses one of the three
 * files, and a name is one plain segment, so no request can reach any other file.
 */
export function pickMedia(library: MediaLibrary, name: string): MediaFile | undefined {
  // Raw path segment, never decoded: `%2F` or `..` simply do not match.
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return undefined;
  if (/\.jpe?g$/i.test(name)) return library.cover;
  if (/\.mp4$/i.test(name)) return library.mp4;
  if (/\.webm$/i.test(name)) return library.webm;
  return undefined;
}

/**
 * Resolves a `Range` header (RFC 9110 §14.1.2) against `size`. Only a single `bytes=` range is honoured;
 * anything else is served whole, which the spec allows.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
