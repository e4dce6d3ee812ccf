import type { VideoEntry } from '../store/video-entry';

/**
 * A `generating` entry with no live stream and no news for this long has lost its stream
 * (tab closed while the worker was stopped, browser quit): it is marked failed, never left
 * generating forever. Relays replay live streams within moments of a worker restart, well
 * inside this window, and a replay revives an `interrupted` entry.
 */
export const STALE_AFTER_MS = 2 * 60 * 1000;

/** Whether a generating entry should be given up on. */
export function isStale(entry: VideoEntry, liveIds: ReadonlySet<string>, now: number): boolean {
  return entry.status === 'generating' && !liveIds.has(entry.id) && now - entry.updatedAt > STALE_AFTER_MS;
}
