import { isStreaming, type VideoEntry } from '../store/video-entry';

/**
 * An entry still streaming (`generating`, or `partial` without a reason) with no live stream
 * and no news for this long has lost its stream (the worker was stopped and its tab closed
 * before the relay could replay): it is ended as `interrupted`, never left streaming forever.
 * Relays replay live streams within moments of a worker restart, well inside this window, and
 * a replay revives an `interrupted` entry. A new browser session does not wait (see
 * `createStaleSweeper`).
 */
export const STALE_AFTER_MS = 2 * 60 * 1000;

/** Whether a streaming entry should be given up on, `staleAfterMs` after its last news. */
export function isStale(entry: VideoEntry, liveIds: ReadonlySet<string>, now: number, staleAfterMs = STALE_AFTER_MS): boolean {
  return isStreaming(entry) && !liveIds.has(entry.id) && now - entry.updatedAt >= staleAfterMs;
}
