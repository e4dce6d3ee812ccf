import type { VideoDatabase } from './video-db';
import type { VideoEntry } from './video-entry';

/** Reads of the library for the gallery pages. */
export interface LibraryReader {
  /** The `limit` newest entries, newest first, read with a cursor: as fast for 10 000 entries as for 10. */
  newest(limit: number): Promise<VideoEntry[]>;
  count(): Promise<number>;
  /** How many entries were created after `time` (an index range count, no entry is read). */
  countSince(time: number): Promise<number>;
  /** Every entry, newest first (the full gallery reads them after its first page is on screen). */
  all(): Promise<VideoEntry[]>;
}

export function createLibraryReader(database: () => Promise<VideoDatabase>): LibraryReader {
  return {
    async newest(limit) {
      const tx = (await database()).transaction('videos');
      const entries: VideoEntry[] = [];
      let cursor = await tx.store.index('by-created').openCursor(null, 'prev');
      while (cursor && entries.length < limit) {
        entries.push(cursor.value);
        cursor = await cursor.continue();
      }
      await tx.done;
      return entries;
    },
    async count() {
      return (await database()).count('videos');
    },
    async countSince(time) {
      return (await database()).countFromIndex('videos', 'by-created', IDBKeyRange.lowerBound(time, true));
    },
    async all() {
      return (await (await database()).getAllFromIndex('videos', 'by-created')).reverse();
    },
  };
}

/** Entries the popup lists: the newest page; the full gallery (a tab) holds the rest. */
export const POPUP_PAGE_SIZE = 50;
